"""Word cues that the policy and the conversation rules both read: one pattern per idea.

Each is a shopper's way of saying one thing (a shipping word, a request for a person, a claim to
be staff), in English: other languages reach them through `bot.dialogue.language.languages`' reading.
None names a store's products, methods or regions; those come from the store's data.
"""

from __future__ import annotations

import re

SHIPPING_WORD = re.compile(r"\b(ship|shipping|shipped|delivery|deliver)\b", re.I)
RETURN_WORD = re.compile(r"\breturn\w*\b", re.I)
CANCEL_WORD = re.compile(r"\bcancel\w*\b", re.I)
ORDER_WORD = re.compile(r"\b(order|package|parcel|shipment|purchase)s?\b", re.I)
# Reaching the store itself (its phone, address, email): a store question, whatever the classifier says.
CONTACT = re.compile(r"\b(phone|telephone|call (you|the store)|contact (you|info\w*|details|number)|"
                     r"(your|ur|the store'?s?|customer (care|service)) (phone|number|address|email))\b", re.I)
# Goods called a phone or made for one, not the store's line: "a sealed phone", "my new phone",
# and a plural noun after it, "phone cases", "any phone chargers"; "the phone number", "a phone
# line", "phone us" still ask for the store's.
GOODS_PHONE = re.compile(r"\b(?:a|an|the|my|this|that|new|sealed|used)\s+(?:\w+\s+){0,2}?(?:mobile\s+)?phones?\b"
                         r"(?!\s*(?:number|no\b|line|call|support))"
                         r"|\b(?:mobile\s+)?phones?\s+(?!(?:numbers?|nos|lines?|calls?|hours|support|this|does|was|has|"
                         r"us|is|yours|ours|orders?|payments?|bookings?|enquir\w*|inquir\w*|appointments?)\b)[a-z]{2,}s\b",
                         re.I)


def asks_contact(text: str) -> bool:
    """The message speaks of reaching the store (its phone, address, email), not of goods for phones."""
    return bool(CONTACT.search(GOODS_PHONE.sub(" ", text)))


# An order said to have left the shop ("it already shipped", "if it already left your warehouse",
# "has been dispatched"): cancelling it is a question on the store's rule, not a flow's task.
ALREADY_SENT = re.compile(r"\balready\s+(?:been\s+)?(?:shipped|dispatched|sent|posted|left|gone|out for delivery|"
                          r"on (?:its|the) way)\b|\b(?:has|have)\s+been\s+(?:shipped|dispatched|sent|posted)\b", re.I)
# "no sorry i meant the crown summit one": one slot replaced, the question asked again.
CORRECTION = re.compile(r"^\W*(?:(?:nah|no+|oh|hmm+|um+|ok|okay)\W+)*(no+|nope|nah|sorry|oops|wait|actually|rather|not that)\b"
                        r"|\bi (meant|mean|wanted)\b", re.I)  # "nah actually the crown summit one"
# "never mind the return, where's my order": the task in progress dropped for what follows.
DROP = re.compile(r"^\W*(?:(?:ok|okay|oh|actually|wait|sorry|no|hmm)\W+)*(?:never\s?mind|nvm|forget|scratch|skip)"
                  r"(?:\s+(?:about\s+)?(?:it|that|this|the\s+\w+|my\s+\w+))?(?:\s*[,.;:!-]+\s*|\s+)", re.I)
# A question, not an answer to the flow's ("hang on, do i need the tags?", "btw whats the return window",
# "wait first whats ur return window", "ok so real quick, do u ship to guam"): fillers, then a question word.
QUESTION = re.compile(r"\?\s*$|^\W*((wait|btw|by the way|also|oh|ah|and|but|so|ok|okay|k|hm+|um+|uh+|well|lol|first|"
                      r"first of all|real quick|quick|quick q|quick question|one more thing|another (thing|question)|"
                      r"random question|question|one sec|hang on|hold on|before that|sorry|actually|hey|hi|hello|yo|"
                      r"guys|pls|plz|please)\W+)*"
                      r"(how|hows|how's|what|whats|what's|wat|when|where|wheres|where's|why|which|who|do|does|did|"
                      r"can|could|is|are|r u|will|would|should|have you|i was wondering|i wanna know|"
                      r"i want to know|tell me)\b", re.I)
#: Words that ask nothing on their own ("ok but first", "hmm wait one sec", "sorry quick q")
NO_ASK = frozenset("ok okay k so but first wait hmm hm oh ah sorry actually um uh hey hi hello and also btw well "
                   "quick real q question one sec hold hang on before that lol yes yeah please pls thanks".split())
# "and exchanges?", "what about black": a follow-up that only makes sense with the turn before.
ELLIPSIS = re.compile(r"^\W*(and|what about|how about|also|same for|what if|or|in)\b", re.I)
# A price limit or a colour: what narrows (or widens) a product search.
# In any currency a store prices in: "under £5", "max 20€", "below 30 euros" (not "pounds": a weight too).
PRICE_LIMIT = re.compile(r"\b(under|below|less than|cheaper than|max|up to|no more than|nothing over|over|above|more than)"
                         r"\s*[$£€]?\s?\d+([.,]\d+)?\s*([$£€]|dollars?|bucks|usd|euros?|eur|gbp|quid)?", re.I)
COLOUR = re.compile(r"\b(black|white|red|blue|green|yellow|orange|purple|pink|gr[ae]y|brown|beige|navy)\b", re.I)
PRICE_ASK = re.compile(r"\b(how much|cost\w*|price\w*|charge\w*|fees?|rates?|quote)\b", re.I)
# A price asked in an idiom: "what does it go for", "what's it selling for?", "what would it set me
# back", "asking price" ("which lamp should i go for" chooses: the idiom ends the question).
PRICE_IDIOM = re.compile(r"\b(?:what|whats|what's|wat|how\s+much)\b(?!.*\b(?:should|shall|recommend|suggest|pick|choose)\b)"
                         r".*\b(?:go(?:es)?|going|sells?|selling|retails?|retailing)\s+for"
                         r"(?:\s+(?:now|today|these\s+days|right\s+now|at\s+the\s+moment))?\s*[?.!]*\s*$"
                         r"|\bset\s+(?:me|you|us|one)\s+back\b|\basking\s+price\b", re.I)

# "are you a bot?", "am i chatting with an actual human rn?", "is this automated?"
BOT_QUESTION = re.compile(
    # "are you even a real assistant lol": a word of doubt between
    r"\b(are|r)\s+(you|u|ya)\s+((even|really|actually|truly|just|like)\s+)?(an?\s+)?(real|actual(ly)?|live|human|bot|"
    r"robot|person|ai|machine|automated|"
    r"chat\s?bot|computer|program)\b"
    r"|\b(am i|are we)\s+(talking|chatting|speaking|writing|texting)\s+(to|with)\s+(an?\s+)?(real\s+|actual\s+|live\s+)?"
    r"(human|person|bot|robot|ai|machine|computer|people)\b"
    r"|\bis (this|that|it)\s+(an?\s+)?(bot|robot|ai|chat\s?bot|automated|machine|real person|human)\b"
    r"|\b(you|u)\s+(an?\s+)?(bot|robot)\b|\b(bot|robot)\s*\?"
    # "is this chat monitored by a real person?", "are these messages written by a human"
    r"|\b(is|are)\s+(this|the|these)\s+(chat|conversation|messages?|replies|answers)\s+(\w+\s+){0,3}(by|with|from)\s+"
    r"(an?\s+)?(real\s+|actual\s+|live\s+)?(person|human|people|bot|ai|machine)\b"
    # "am i talking to chatgpt?", "is this an automated reply", "are you an AI model"
    r"|\b(chat\s?gpt|gpt|llm|language model|ai model)\b.*\?|\b(automated|auto(matic)?)\s+(reply|replies|response|"
    r"answer|message)s?\b", re.I)
# Asking for a person by other words than "human"/"agent" (those are the policy's own).
PERSON = re.compile(r"\b(talk|speak|chat)\w*\s+(to|with)\s+(a\s+|an\s+|the\s+|your\s+)?(someone|somebody|person|"
                    r"operator|manager|supervisor|staff|team|employee)\b|\bsomeone from (your|the) team\b"
                    # "get me someone who can actually do something", "put me through to a manager"
                    r"|\b(get|find|put|connect|transfer|pass|send)\s+me\s+(through\s+)?(to\s+|with\s+)?(someone|somebody|"
                    r"a\s+person|a\s+manager|a\s+supervisor|your\s+manager)\b|\b(someone|somebody)\s+who\s+(can|could|will)\b"
                    r"|\bsort (it|this) out\b|\bsomeone\s+(call|contact|phone|ring|email)\b|\bcall me( back)?\b", re.I)
# A favour only a person may grant, or a complaint for one to handle.
EXCEPTION = re.compile(r"\bexception\b|\bwaive\w*\b|\b(just )?this once\b|\bjust this time\b|\bbend the rules?\b"
                       r"|\bas a (courtesy|goodwill)\b|\bgoodwill\b|\blet it slide\b"
                       r"|\b(file|lodge|make|submit|open)\s+an?\s+(consumer\s+|customer\s+|formal\s+)?(complaint|claim|"
                       r"reclamation)\b|\bnobody\s+(answers|helps|replies|responds)\b"
                       # "i was promised a discount by your staff": what a person said, for a person to honour
                       r"|\b(was|were|been|got)\s+(promised|told|offered|guaranteed)\b.{0,60}\b(staff|agent|rep\w*|team|"
                       r"manager|support|someone|phone|call|chat)\b|\b(your|the)\s+(staff|agent|rep\w*|manager|support|"
                       r"team|colleague)\s+(said|promised|told|offered|guaranteed)\b", re.I)
# Anger, and a claim that the shopper already asked (both go to a person with the context).
ANGRY = re.compile(r"\b(ridiculous|unacceptable|frustrat\w*|furious|scam\w*|worst|fed up|angry|pissed|disgust\w*|"
                   r"(this is |what )?a joke|unbelievable|absurd|pathetic|insane|wtf|ffs|what the (hell|heck)|"
                   r"outrage\w*|terrible|useless|fuming|done waiting|sick of|had enough|tired of waiting|"
                   r"(been )?waiting (for )?(weeks|ages|forever|so long)|taking (so|too|way too) long)\b|!!"
                   r"|[\U0001F620\U0001F621\U0001F624\U0001F92C]|\bNOW\b")
REPEAT_CLAIM = re.compile(
    r"\b(second|third|fourth|fifth|2nd|3rd|4th|5th|\d+th)\s+time\b.{0,20}\b(ask|asking|asked|writ|messag|contact|"
    r"tell|told|say|saying|chat)\w*"
    r"|\b(asked|told|written|wrote|messaged|contacted|emailed|called|tried)\s+(you\s+)?(twice|already|again|"
    r"\d+\s+times|several times|many times|multiple times|a few times)\b|\bkeep (asking|telling|saying)\b"
    r"|\bhow many times\b", re.I)
PROBLEM = re.compile(r"\b(money back|refund\w*|broken|fell apart|damaged|defective|late|lost|missing|stolen|"
                     # "2 weeks and still no package", "still nothing", "no update"
                     r"still (no|nothing|not|waiting|hasn'?t|haven'?t)|no (package|parcel|delivery|update|tracking|response|reply)|"
                     r"wrong (item|size|order)|never (came|arrived|got)|(hasn'?t|hasnt|has not|haven'?t|havent|"
                     r"didn'?t|didnt|did not|still not|not yet)\s+(arrived|come|came|shipped|received|got|"
                     r"gotten|showed up))\b", re.I)
# Pressing on after the rules said no: "cant u just let me return it anyway?", "come on, it's one day".
PUSHBACK = re.compile(r"\b(anyway|anyways|still|just|only|exception|please|pls|plz|come on|why not|"
                      r"(can|could|would)(n'?t|not)?\s+(you|u)|cant\s+(you|u)|one day|\d+ days? (over|late|past))\b", re.I)
# Pretexting: a claimed role or a fake system notice, asking for what only the owner may see. The
# store's own name may stand before the role ("from the Luma support team", "Brightline's IT").
ROLE = re.compile(r"\b(this is|i'?m|im|i am|calling from|writing from|from|on behalf of|we are|we'?re|"
                  r"i work (at|in|for|with))\s+"
                  # "im actually the store owner", "i'm really from corporate": a hedge before the role
                  r"((actually|really|just|literally|also|in fact)\s+)?"
                  # one free word: the company's name ("this is Mark from Luma corporate")
                  r"(the\s+(\w+\s+)?|\w+'s\s+|your\s+|a\s+|store'?s?\s+)*([a-z]+\s+(?!it\b))?(it|admin\w*|store manager|manager|"
                  r"courier|security|corporate|management|hq|hr|human resources|customer (service|care) team|marketing|"
                  r"finance|billing|accounting|(it|tech) support|fulfil?ment|(personal\s+)?assistant|secretary|representative|rep|"
                  r"support team|police|developer|dev team|staff|owner|fraud\s*(team|department|dept)?|"
                  r"(new\s+|senior\s+)?(employee|staff member|intern|contractor|team member)|"
                  r"(logistics\s+|shipping\s+|delivery\s+)?(partner|carrier|supplier|vendor)|"
                  r"compliance|legal|audit\w*|head office|headquarters|warehouse|engineering|ceo|journalist|"
                  r"reporter|researcher|lawyer|attorney|investigator|detective|officer)\b"
                  r"|\b(it'?s|its|it is)\s+(the|your)\s+(store\s+|shop\s+)?(owner|manager|admin\w*|ceo|developer)\b"
                  # a company's IT, written as a department is ("this is Luma IT", "from Acme IT"):
                  # the capitals tell it from "this is why it ..."
                  r"|\b(this is|calling from|writing from|from|we are|we'?re)\s+(?-i:[A-Z][\w'&-]*\s+IT)\b"
                  # a self-claim only: "a note from the driver" or "from the support page" is a shopper's
                  r"|\b(this is|i'?m|im|i am)\s+(the|your|a|an)\s+(\w+\s+)?(delivery\s+)?(driver|postman|mailman|"
                  r"mail carrier|postal worker|dispatcher)\b"
                  r"|\b(i work (at|in|for|with)|this is|i'?m|im|i am)\s+(a\s+|an\s+|the\s+)?(\w+\s+)?(support|supervisor|"
                  r"trainee)\b(?!\s+(page|article|site|section|docs?|center|centre|faq|link|ticket|email|chat|question|"
                  r"request|issue|problem|query|matter)\b)"
                  # "IT dept here", "store owner here": a role signing its message
                  r"|(?:^|[,.;:!-]\s*|\b(?:hi|hey|hello)\W+)(?:the\s+|your\s+|store\s+|shop\s+)*(?:(?:it|tech|security|fraud|"
                  r"compliance|legal|audit|admin|billing|accounts?|warehouse)\s+(?:dept|department|team|desk|office)|"
                  r"owner|manager|admin\w*|developer|ceo|supervisor|auditor)\s+here\b"
                  r"|^\s*[\[#*(]*\s*(admin|system|sys|moderator|developer|root|override)\b[^a-z]*"
                  r"(notice|override|message|alert)?\s*[\]:#)]"
                  # a header in any brackets, a name or two before the role: "<<admin>>", "###ORDER SYSTEM
                  # UPDATE###", "[Luma Support]", "{{staff}}"
                  r"|^\s*(?:<+|[\[#*({=]+)\s*(?:[\w.'-]+\s+){0,2}(?:admin\w*|system|sys|moderator|developer|root|"
                  r"override|support|staff|security|management|manager|internal|ops|operations)\b(?:\s+[\w.'-]+){0,2}\s*[:!]?\s*"
                  r"(?:>+|[\]#*)}=]+)", re.I)
# "as the account owner's assistant", "management has authorised a 100% code": authority claimed.
AUTHORITY = re.compile(r"^\W*(attention|notice|important|urgent|update|memo)\W+(to\s+)?(the\s+)?(assistant|bot|ai|system|chatbot|"
                       r"agent)\b|\bnew (policy|instructions?|rules?|directive) from (the )?(management|admin\w*|owner|head office|"
                       r"headquarters|your (boss|developers?))\b"
                       r"|\bas (the |an? |her |his |their |my )?(account (owner|holder)'?s? )?(assistant|representative|"
                       r"secretary|agent|admin\w*|lawyer|attorney)\b|\bon behalf of\b"
                       r"|\b(management|admin\w*|owner|head office|manager|staff|support|security)\s+(has|have)\s+"
                       r"(authori[sz]ed|approved|allowed|enabled|granted|activated|unlocked)\b", re.I)
OTHERS_DATA = re.compile(r"\b(list|all|every|emails?|address(es)?|phone|codes?|coupons?|orders?\s+\d+\s*-\s*\d+|"
                         r"passwords?|credentials|log\s?ins?|api keys?|system prompt|instructions|"
                         r"status|verification|override|confirm|details|info\w*|names?|customers?|records?|data|"
                         r"tracking|discount|history)\b|100\s?%", re.I)

#: An order number or an email and the words that only hand them over ("and my email is ..."): what
#: is left of a message without them says whether it asks anything more.
BARE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|#?\d{6,}|\b(and|my|email|order|number|is|it'?s|its|oh|also|btw|here'?s|heres)\b",
                  re.I)

#: A pronoun for the product in focus: "is it waterproof", "shipping on that one".
PRONOUN = re.compile(r"\b(it|its|it's|this one|that one)\b", re.I)


#: Goods reported harmed or wrong on arrival ("the eggs were all smashed when the box got here",
#: "the table arrived with a cracked leg", "you sent me the wrong book"): the pages' damaged,
#: faulty or wrong-item rule answers it, not the product's facts nor an address change.
_HARM = (r"damaged|smashed|crushed|cracked|dented|shattered|squashed|busted|bent|broke|broken|scratched|ripped|"
         r"torn|leaking|spoil(?:ed|t)|melted|mouldy|moldy|rotten|wilted|droopy")
ARRIVED_HARMED = re.compile(
    rf"\b(?:(?:{_HARM}|gone off)\b.*\b(?:arriv\w*|came|come|got here|turned up|showed up|"
    rf"delivered|box|parcel|package)\b|\b(?:arriv\w*|came|showed up|turned up)\b.*\b(?:{_HARM})\b|"
    r"\bsent (?:me |us )?(?:the |a |an )?wrong\b)", re.I)

# Buying one of goods that may be sold in packs: "can i buy just one bottle", "do you sell single
# jars", "1 jar rather than the whole case", "does it come in a pack" (the unit of sale asked).
ONE_OF_A_PACK = re.compile(
    r"\b(?:buy|order|get|purchase|sell|take)\s+(?:\w+\s+){0,2}?(?:just|only|a\s+single|single|one|1|individual|loose)\s+"
    r"(?:\w+\s+)?(?:bottles?|jars?|cans?|tins?|packs?|packets?|pkgs?|bags?|boxe?s?|pieces?|units?|items?|bars?|pies?|"
    r"one|of\s+them|rather\s+than)\b"
    r"|\b(?:single|individual|loose)\s+(?:bottles?|jars?|cans?|tins?|packs?|packets?|bags?|pieces?|units?|items?|bars?)\b"
    r"|\bsplit\s+(?:a|the|your)\s+(?:case|pack|box)\b|\b(?:whole|full|entire)\s+(?:case|pack|box|carton)\b"
    r"|\bcome\s+in\s+(?:a\s+)?(?:case|pack|box|carton)s?\b", re.I)


def words(text: str) -> list[str]:
    """The message's words, lower-case, punctuation and emoji dropped."""
    return re.findall(r"[a-z0-9]+", text.lower())
