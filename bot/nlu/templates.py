"""Phrasings of the shop intents that Bitext lacks, filled from the store's real catalog.

Each intent has a list of templates; slots are filled from the knowledge base (product names,
category words, colours, sizes, materials, activities, specs, promotions, the store's name;
see bot/nlu/vocabulary.py, which leaves out templates a store cannot fill), so the examples speak
about what this store sells. ``split_templates`` keeps every fourth template out of training,
and held-out products fill the held-out examples: the validation set measures unseen
phrasings of unseen products, not memorised strings.
"""

from __future__ import annotations

TEMPLATES: dict[str, tuple[str, ...]] = {
    "product_search": (
        "do you have {attr} {cats} under ${price}", "show me {color} {cats}",
        "I'm looking for {gender} {cats} in size {size}", "any {cats} for {activity}?",
        "can you recommend a {cat} for {activity}", "what {cats} do you sell",
        "need a {color} {cat} under {price} dollars", "do you carry {material} {cats}",
        "I want to buy {cats} for my {person}", "what's on sale in {cats}",
        "cheapest {cats} you have", "{cats} between {price} and {price2} dollars",
        "find me a {cat} in {color} size {size}", "got any {climate} {cats}?",
        "I need new {cats} for {activity}", "looking for eco friendly {cats}",
        "what are your best {cats} for {activity}", "show me your new {cats}",
        "{color} {cat} for {gender}", "do you sell {cats}?", "i need a {attr} {cat}",
        "recommend some {cats} below {price}", "search {cats} {color}",
        "what {material} {cats} do you have in stock", "any {cats} with {feature}?",
        "hi, do you have any {cats} for {activity} under ${price}?",
        "where can I find {gender} {cats}", "suggest a gift for a {person} who likes {activity}",
        "I'd like to see {cats} that are good for {climate} weather",
        "looking for a {cat} similar to the {name}", "what do you have for {activity} under {price}",
        "do u have {cats} in {size}", "products for {activity}",
        "I want {color} {cats} size {size} please", "which {cats} are on sale right now",
        "got {cats} over {price} bucks?",
        "which {cats} have the best {spec}", "{cats} with a good {spec}",
        "show me {cats} and their {spec}", "do you have {cats}? what {spec}",
    ),
    "product_question": (
        "is the {name} available in {color}", "what sizes does the {name} come in",
        "what is the {name} made of", "how much is the {name}", "is the {name} in stock",
        "does the {name} come in {size}", "tell me more about the {name}",
        "what material is the {name}", "is the {name} good for {activity}",
        "does the {name} run small", "how do I wash the {name}",
        "what colors does the {name} come in", "is the {name} on sale",
        "can I get the {name} in size {size}", "{name} price?", "any reviews of the {name}?",
        "is the {name} made of {material}", "does the {name} have pockets",
        "what's the difference between the {name} and the {name2}",
        "is the {name} suitable for {climate} weather", "do you still have the {name} in {color} {size}",
        "is the {name} {attr}", "how does the {name} fit", "what do people say about the {name}",
        "would the {name} work for {activity}?", "is {name} waterproof",
        "hi, quick question about the {name}: does it come in {color}?",
        "when will the {name} be back in stock", "how many colours does {name} have",
        "is the {name} worth it", "what's the price of {name} in {size}",
        "does {name} have {feature}", "specs of the {name}",
        # Stores that state specs per product (measured attributes, "Warranty:" lines).
        "what is the {spec} of the {name}", "{name} {spec}?", "what {spec} does the {name} have",
        "can you tell me the {spec} of {name}", "how about the {spec} on the {name}",
        "{spec} of the {name} please", "does the {name} say anything about {spec}",
        "i need the {spec} for the {name}",
    ),
    "store_policy": (
        "how much is shipping", "how much does shipping cost for an order of ${price}",
        "do you offer free shipping", "what's the minimum order for free shipping",
        "how many days do I have to return something", "what is your return window",
        "can I exchange an item for a different size", "can I return {cats} I already wore",
        "is there a restocking fee", "do you have any promo codes", "what discounts are running right now",
        "do you charge sales tax", "how do you use my personal data",
        "what's your privacy policy", "do you use cookies on your website",
        "who pays for return shipping", "can I return sale items", "do you price match",
        "how does the {promo} offer work", "is the {promo} deal still on", "how do I use a coupon code",
        "how much is overnight shipping", "shipping price for {price} dollars?",
        "can I return a gift without a receipt", "what happens if I return a gift",
        "do returned items have to be unwashed", "is my credit card information safe on your site",
        "do you sell my information to third parties", "tell me about your shipping rates",
        "what are your store policies", "can I return something after {days} days",
        "is shipping free over ${price}", "do you deliver on weekends",
        "what's the return policy for {cats}", "how long is the warranty on {cats}",
        "do I need a code for the {promo} promotion", "who is {store}", "where are your stores",
    ),
    # Bitext intents, in the words shoppers of a web store use most (Bitext's sample says
    # "see the status of order N", rarely "where is my order").
    "track_order": (
        "where is my order {oid}", "where's my package?", "has my order shipped yet?",
        "my order {oid} still hasn't shown up", "track my order please", "what's the status of order #{oid}",
        "is my order on its way", "I ordered the {name} last week, where is it?",
        "can you tell me where my parcel is", "order {oid} - where is it?",
        "any update on my order {oid}?", "has the {name} I ordered been shipped",
        "still waiting for my order, where is it", "where is the {name} I bought",
        "did you ship order {oid} yet", "where's my stuff? order number {oid}",
    ),
    "get_refund": (
        "I want to return the {name} and get my money back", "can I get a refund for the {name}",
        "I'd like to send back the {name} for a refund", "please refund order {oid}",
        "the {name} doesn't fit, I want my money back", "I want a refund for order {oid}",
        "refund the {cat} I bought please", "the {name} arrived broken, refund me",
        "I want to return these {cats} for a refund", "money back for the {name} please",
        "give me a refund for order #{oid}", "I returned the {name}, now refund me",
    ),
    "greeting": (
        "hi", "hello", "hey there", "good morning", "good afternoon", "good evening", "hiya",
        "hey!", "greetings", "hello {store}", "hi there, anyone around?", "yo", "hey bot",
        "morning!", "hello hello", "hi team", "howdy", "hi! how are you today?", "hey, you there?",
        "hellooo", "good day", "hi again",
    ),
    "thanks": (
        "thanks", "thank you so much", "thx", "that's helpful, thanks", "cheers", "appreciate it",
        "great, thank you", "perfect thanks", "thanks a lot", "ty", "thanks for the help",
        "awesome, thanks!", "many thanks", "thank u", "that's great, thank you very much",
        "thanks, that answers my question", "super helpful, cheers", "much appreciated",
        "thanks for your help with the {name}", "ok thanks", "brilliant, thanks",
    ),
    "goodbye": (
        "bye", "goodbye", "see you", "that's all, bye", "have a nice day", "talk later", "cya",
        "bye bye", "see you later", "ok bye", "that's everything, goodbye", "gotta go, bye",
        "have a good one", "catch you later", "bye for now", "good night", "see ya",
        "I'm done here, bye", "farewell", "until next time", "later!",
    ),
}

#: Fed-up shoppers, in the store's own words: taught as negative to a sentiment model without
#: reviews next to the store's plain questions (taught as neutral), so the model learns that
#: the tone, not the goods named, makes a message negative. Anger at the store, not a report of
#: a defect: "my parcel arrived damaged, what do i do" is answered from the pages, not handed
#: off. Split like the intent templates.
FRUSTRATED = (
    "i ordered the {name} {days} days ago and it still hasn't arrived, this is ridiculous",
    "nobody has answered my emails about the {name} for {days} days",
    "{days} days and still no {cat}. what is going on with you people",
    "i've asked about order {oid} three times now and keep getting the same useless answer",
    "the {name} you sent is not what i ordered and i'm sick of chasing you",
    "absolutely terrible service, never buying a {cat} from you again",
    "why does nobody reply?? i've been waiting a week for my refund",
    "this is the worst store i have ever dealt with",
    "i'm so angry right now, you charged my card and the {name} never came",
    "stop giving me canned replies and fix my order",
    "you keep ignoring my messages about the {name}",
    "completely unacceptable, i've been waiting {days} days for the {name}",
    "how hard can it be to send the right {cat}?!",
    "i am fed up, third email about order {oid} and still nothing",
    "this is a scam, where is my money",
    "you cancelled my order without asking and now the {name} is sold out. great job",
    "i've been lied to twice about the delivery date",
    "don't tell me to wait again, it's been {days} days",
    "this chat is useless, it doesn't understand a thing",
    "i'm losing my patience with this company",
    "i'm sick of being passed around, just fix it",
    "unbelievable, you lost my {name} again",
    "i want an explanation, not another automated reply",
    "your customer service is a disgrace",
    "i'm disgusted by how i've been treated",
    "every time i contact you i get a different story",
    "i paid for express and it took {days} days. what a joke",
    "i'm done waiting, this is the last time i order from you",
    "are you even reading my messages",
    "enough excuses, i want this sorted today",
    "the {name} is a piece of junk and i want my money back",
    "so frustrated, support never called back about the {cat} i ordered",
)

#: Filler values for slots that the catalog does not name.
PEOPLE = ("wife", "husband", "son", "daughter", "girlfriend", "boyfriend", "mom", "dad", "friend")
CLIMATE_WORDS = ("cold", "rainy", "windy", "hot", "warm", "wintry", "mild", "cool")
DAYS = ("10", "14", "30", "45", "60", "90")
ORDER_IDS = ("000000123", "000000045", "100000871", "48213977", "3316702", "1200457789", "556120",
             "000001987", "73310048")
#: Keyboard mashes and emoji: no intent, and the model must not guess one.
JUNK = ("asdfghjk", "qwerty", "jjjjjjj", "zxcvbnm", "lkjhg", "aaaaaa", "sdfsdf", "hjkl;",
        "🙂", "🙂🙂🙂", "🔥🔥", "👍", "😂😂", "🤔", "???", "...", "!!!", "test", "asd", "xyz",
        "hmm", "blah blah", "lorem ipsum dolor sit amet", "ñññ", "qqqq wwww", "fjfjfj", "#$%&",
        "ok ok ok ok ok", "a", "?")


def split_templates(templates: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(training templates, held-out templates): every fourth one is held out."""
    train = tuple(t for i, t in enumerate(templates) if i % 4 != 3)
    held = tuple(t for i, t in enumerate(templates) if i % 4 == 3)
    return train, held
