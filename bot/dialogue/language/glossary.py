"""A shopper's words in each language the assistant speaks -> the English the NLU models read
(data for `languages`).

`GLOSSARY`: shopping, ordering, shipping, asking for a person, asking whether this is a bot.
Patterns are matched as whole words (or at the start, with ^) on the message with its accents
removed, in order, longer phrases first. Store names (products, regions) are left as written:
the store's own data recognises them. The sentences the assistant writes are in
`bot.dialogue.language.translations`.
"""

from __future__ import annotations

from bot.dialogue.language.glossary_asks import ASKS
from bot.dialogue.language.glossary_stories import STORIES
from bot.dialogue.language.glossary_terms import TERMS

def _colour_in(word: str, colours: str) -> tuple[str, str]:
    """"en noir ?", "em preto?", "en taille XL": the language's "in" before a colour or a size,
    read as "in" (elsewhere "en" is many words: "en stock", "en rebajas" are read by their own
    phrases)."""
    return rf"{word}(?= (?:{colours})\b)", "in"


_SIZE_COLOR = {
    "es": (_colour_in("en", r"tallas?"), _colour_in("en", r"rojos?|rojas?|azul(?:es)?|negros?|negras?|blancos?|blancas?|verdes?|amarill[oa]s?|gris(?:es)?|morad[oa]s?|naranja"),
           (r"rojos?|rojas?", "red"), (r"azul(es)?", "blue"), (r"negros?|negras?", "black"),
           (r"blancos?|blancas?", "white"), (r"verdes?", "green"), (r"amarill[oa]s?", "yellow"),
           (r"gris(es)?", "gray"), (r"morad[oa]s?", "purple"), (r"naranja", "orange"),
           (r"tallas?", "size"), (r"color(es)?", "colors")),
    "fr": (_colour_in("en", r"tailles?"), _colour_in("en", r"rouges?|bleus?|bleues?|noirs?|noires?|blancs?|blanches?|verts?|vertes?|jaunes?|gris|violets?"),
           (r"rouges?", "red"), (r"bleus?|bleues?", "blue"), (r"noirs?|noires?", "black"),
           (r"blancs?|blanches?", "white"), (r"verts?|vertes?", "green"), (r"jaunes?", "yellow"),
           (r"gris", "gray"), (r"violets?", "purple"), (r"tailles?", "size"), (r"couleurs?", "colors")),
    "de": ((r"rote?[nrs]?", "red"), (r"blaue?[nrs]?", "blue"), (r"schwarze?[nrs]?", "black"),
           (r"weisse?[nrs]?", "white"), (r"grune?[nrs]?", "green"), (r"gelbe?[nrs]?", "yellow"),
           (r"graue?[nrs]?", "gray"), (r"lila|violette?[nrs]?", "purple"), (r"braune?[nrs]?", "brown"),
           (r"grossen?", "sizes"), (r"farben?", "colors")),
    "pt": (_colour_in("em", r"tamanhos?"), _colour_in("em", r"vermelh[oa]s?|azuis|azul|pret[oa]s?|branc[oa]s?|verdes?|amarel[oa]s?|cinzas?|rox[oa]s?|laranjas?"),
           (r"vermelh[oa]s?", "red"), (r"azuis|azul", "blue"), (r"pret[oa]s?", "black"),
           (r"branc[oa]s?", "white"), (r"verdes?", "green"), (r"amarel[oa]s?", "yellow"),
           (r"cinzas?", "gray"), (r"rox[oa]s?", "purple"), (r"laranjas?", "orange"), (r"marrons?", "brown"),
           (r"tamanhos?", "size"), (r"cor(es)?", "colors")),
    "it": ((r"ross[oaie]", "red"), (r"blu", "blue"), (r"ner[oaie]", "black"),
           (r"bianc[oaie]|bianchi", "white"), (r"verd[ei]", "green"), (r"giall[oaie]", "yellow"),
           (r"grigi[oa]?", "gray"), (r"viola", "purple"), (r"arancion[ei]|arancio", "orange"), (r"marron[ei]", "brown"),
           (r"taglie|taglia", "size"), (r"colori?", "colors")),
}

# Verb stems of the requests (any person or mood: "annulla", "annulez", "storniere") and the
# place names a shipping question names, read after each language's own phrases.
_STEMS = (  # an infinitive with its object pronoun ("annullarlo", "cancelarlo", "devolvê-lo"): the verb, "it"
          (r"(?:annul|cancel|anul)\w*?(?:r-?|-)(?:lo|la|los|las|li|le)", "cancel it"),
          (r"(?:devol|devuel|restitu)\w*?(?:r-?|-)(?:lo|la|los|las|li|le)", "return it"),
          (r"annul\w*|cancel\w*|storn\w*|anul\w*", "cancel"),
          (r"devol\w*|devuel\w*|restitu\w*|retourn\w*|renvo\w*|zuruckg\w*|zurucks\w*", "return"),
          (r"ancora|todavia|ainda", "still"),  # "posso ancora annullarlo?": can i still cancel it
          (r"rastre\w*|suivre|suivez|suivi|verfolg\w*|traccia\w*|acompanh\w*", "track"),
          (r"rembours\w*|reembols\w*|rimbors\w*|erstatt\w*", "refund"),
          (r"hawai|havai|hawaii", "Hawaii"), (r"porto rico|puerto rico", "Puerto Rico"),
          (r"quiero|quisiera|ich mochte|ich will|quero|gostaria de|vorrei|voglio", "i want to"),
          (r"por favor|per favore|s'il vous plait|s'il te plait|svp|bitte", "please"), (r"un|une|uma|um|una", "a"))

# Words every kind of question uses (question words, "if I order today", "by friday", "do you
# ship to", numbers spelt out (`number_words`), "I'm looking for"), read before each language's
# short function words ("y", "et", "e") at the end of its list.
_DAYS = {
    "es": ((r"lunes", "monday"), (r"martes", "tuesday"), (r"miercoles", "wednesday"), (r"jueves", "thursday"),
           (r"viernes", "friday"), (r"sabados?", "saturday"), (r"domingos?", "sunday")),
    "fr": ((r"lundi", "monday"), (r"mardi", "tuesday"), (r"mercredi", "wednesday"), (r"jeudi", "thursday"),
           (r"vendredi", "friday"), (r"samedis?", "saturday"), (r"dimanches?", "sunday")),
    "de": ((r"montags?", "monday"), (r"dienstags?", "tuesday"), (r"mittwochs?", "wednesday"),
           (r"donnerstags?", "thursday"), (r"freitags?", "friday"), (r"samstags?|sonnabends?", "saturday"),
           (r"sonntags?", "sunday")),
    "pt": ((r"segunda[- ]feira", "monday"), (r"terca(-feira| feira)?", "tuesday"), (r"quarta[- ]feira", "wednesday"),
           (r"quinta[- ]feira", "thursday"), (r"sexta(-feira| feira)?", "friday"), (r"sabados?", "saturday"),
           (r"domingos?", "sunday")),
    "it": ((r"lunedi", "monday"), (r"martedi", "tuesday"), (r"mercoledi", "wednesday"), (r"giovedi", "thursday"),
           (r"venerdi", "friday"), (r"sabato", "saturday"), (r"domenica", "sunday")),
}
def _weekday(language: str) -> str:
    return "|".join(p for p, _ in _DAYS[language])


_MORE_OWN = {
    "es": ((r"si (hago|pido|compro|ordeno|encargo)", "if i place"), (r"si", "if"), (r"ya (salio|se envio|fue enviado|lo enviaron|lo mandaron)", "has it shipped"), (r"hoy", "today"),
           (r"manana", "tomorrow"), (r"(antes del?|para el|hasta el)(?= (" + _weekday("es") + r")\b)", "by"),
           (r"el(?= (" + _weekday("es") + r")\b)", "on"), (r"me llega(ra|ria|n)?", "will it arrive"), (r"llega(ra|ria|n)?|llegue(n)?|recibo|recibire|recibiria", "arrive"),
           (r"fuera de", "outside"), (r"(cuanto )?costaria", "how much would it cost"),
           (r"cuantos|cuantas", "how many"), (r"cual es|cuales son", "what is"), (r"cuando", "when"),
           (r"(tengo|tenemos) para", "do i have to"), (r"tengo", "do i have"), (r"plazo", "time limit"), (r"para", "for"),
           (r"busco|estoy buscando|ando buscando", "i am looking for"),
           (r"de menos de|que cuest(e|en) menos de", "under"), (r"hasta(?= \d)", "under"), (r"algo", "something")),
    "fr": ((r"si je", "if i"), (r"si", "if"),
           (r"(est-elle|est-il) (deja )?(partie?|expediee?)|(a-t-elle|a-t-il) ete expediee?|deja (partie?|expediee?)", "has it shipped"), (r"aujourd'hui", "today"), (r"demain", "tomorrow"),
           (r"(avant|d'ici|pour)( le)?(?= (" + _weekday("fr") + r")\b)", "by"),
           (r"(est-ce que )?(je serai|je serais|ce sera|ca sera|elle sera|il sera|serai-je) livree?s?", "will it be delivered"),
           (r"le(?= (" + _weekday("fr") + r")\b)", "on"), (r"arrivera(it)?|arrivent|recevrai(s)?", "arrive"),
           (r"hors d[eu]", "outside"), (r"couterait|couteraient", "would it cost"),
           (r"combien de", "how many"), (r"(quel|quelle|quels|quelles) (est|sont)", "what is"), (r"quand", "when"),
           (r"j'ai", "i have"), (r"delai", "time limit"), (r"je (re)?cherche", "i am looking for"),
           (r"de moins de", "under"), (r"jusqu'a(?= \d)", "under"), (r"pour ?cent", "percent"), (r"pour", "for"), (r"les", "the"), (r"de(?= \d)", "of")),
    "de": ((r"wenn ich", "if i"), (r"bestelle|bestellen|bestelle ich", "order"), (r"(schon|bereits) (versandt|verschickt|raus|unterwegs)", "shipped already"), (r"heute", "today"), (r"morgen", "tomorrow"),
           (r"(bis|vor)( zum| dem)?(?= (" + _weekday("de") + r")\b)", "by"),
           (r"am(?= (" + _weekday("de") + r")\b)", "on"), (r"kommt( es| sie| das paket)?", "will it arrive"), (r"ankommen|ankommt|angekommen|da sein|bekomme|erhalte", "arrive"), (r"geliefert", "delivered"),
           (r"(liefert|versendet|verschickt) ihr( auch)?|(liefern|versenden|verschicken) sie( auch)?", "do you ship"),
           (r"ausserhalb( der| von)?", "outside"), (r"wurde (das|der versand)? ?kosten", "would it cost"),
           (r"wie ?viele", "how many"), (r"wie lange", "how long"), (r"wann", "when"), (r"was ist", "what is"),
           (r"(habe|hab) ich( noch)?( zeit)?", "do i have"), (r"zeit", "time"), (r"frist", "time limit"), (r"schon", "already"),
           (r"zuruck\w*", "return"), (r"(ich )?suche", "i am looking for"), (r"bis(?= (zu )?\d)( zu)?", "under"), (r"um", "to"), (r"etwas", "something"),
           (r"fur", "for")),
    "pt": ((r"se (eu )?(pedir|comprar|fizer o pedido|encomendar)", "if i order"), (r"ja (saiu|foi enviad[oa]|foi despachad[oa]|enviaram)", "has it shipped"), (r"hoje", "today"), (r"amanha", "tomorrow"),
           (r"(ate|antes d[eao]|para)( [ao])?(?= (" + _weekday("pt") + r")\b)", "by"),
           (r"n[ao](?= (" + _weekday("pt") + r")\b)", "on"), (r"chega(ra|ria|m)?|chegue(m)?|recebo|receberei", "arrive"), (r"cade", "where is"),
           (r"fora d[eo]", "outside"), (r"custaria", "would it cost"),
           (r"quantos|quantas", "how many"), (r"qual( e)?", "what is"), (r"quando", "when"),
           (r"tenho", "do i have"), (r"prazo", "time limit"), (r"procuro|estou procurando|to procurando", "i am looking for"),
           (r"ate(?= \d)", "under"), (r"produto", "product"), (r"d[oa]s?", "of the"), (r"o|os|as", "the"), (r"voces|vcs|voce|vc", "you"), (r"algo|alguma coisa", "something")),
    "it": ((r"se (ordino|compro|faccio l'ordine)", "if i order"), (r"(e )?gia (partit[oa]|stat[oa] spedit[oa]|spedit[oa])", "has it shipped"), (r"oggi", "today"), (r"domani", "tomorrow"),
           (r"(entro|prima di|per)( il)?(?= (" + _weekday("it") + r")\b)", "by"),
           (r"arriva|arrivera|arriverebbe|arrivi|ricevo|ricevero", "arrive"), (r"a che punto (e|sta)", "where is"),
           (r"fuori d[ai]", "outside"), (r"costerebbe", "would it cost"),
           (r"entro quanti giorni", "within how many days"), (r"quanti|quante", "how many"), (r"qual(e)? e", "what is"),
           (r"quando", "when"), (r"ho", "do i have"), (r"cerco|sto cercando", "i am looking for"),
           (r"fino a(?= \d)", "under"), (r"posso", "can i"), (r"articolo", "item")),
}

#: Phrases read before anything else, whose words the lists below would read one by one: "do you
#: ship to ..." ("livrez" alone is "ship"; German says "nach", which its list reads) and the return
#: window named as a time limit ("el plazo para devolver", "die Rückgabefrist").
_FIRST = {
    "es": ((r"(?:(?:es )?el )?mismo (?:correo(?: electronico)?|e-?mail)", "same email"), (r"(lo|la|los|las) (tienen|teneis|hay|venden) en|(viene|vienen) (tambien )?en", "does it come in"), (r"envios? gratis|envios? gratuitos?", "free shipping"), (r"(cual es )?(el )?plazo (para|de) (devol\w*|devuel\w*)", "how many days do i have to return"), (r"(hacen|haceis) envios (a|al|hacia)|(envian|mandan|entregan) (a|al)", "do you ship to"),
           (r"(hacen|haceis) envios(?! (los|el) fin)", "do you ship")),
    "fr": ((r"(?:(?:c'est )?(?:la|le) )?meme (?:adresse e-?mail|e-?mail|courriel)", "same email"), (r"(il |elle )?existe(-t-il|-t-elle)? (aussi )?en|(vous )?l'avez(-vous)? en|(il|elle) (vient|est dispo(nible)?) en", "does it come in"), (r"livraison gratuite", "free shipping"), (r"(quel est )?(le )?delai (pour|de) (retourner|renvoyer|retour)", "how many days do i have to return"), (r"(livrez|expediez|envoyez)(-vous| vous)? (au|aux|en|a)|vous (livrez|expediez|envoyez) (au|aux|en|a)", "do you ship to"),
           (r"(est-ce que )?(vous livrez|livrez-vous)(?! (le|les) week)", "do you deliver"), (r"est-ce que vous", "do you"),
           (r"(ca|cela) (prend|met) combien de jours|combien de jours (ca|cela) (prend|met)", "how many days does it take"),
           (r"(ca|cela) (prend|met) combien de temps|combien de temps (ca|cela) (prend|met)", "how long does it take")),
    "pt": ((r"(?:(?:e )?o )?mesmo e-?mail", "same email"), (r"frete gratis", "free shipping"), (r"(qual (e )?)?(o )?prazo (para|pra|de) (devolver|devolucao|troca)", "how many days do i have to return"), (r"(voces |vcs )?(enviam|entregam|mandam) (para|pra|pro|no|na|em)(?! (fim|fins) de semana| (segunda|terca|quarta|quinta|sexta|sabado|domingo))", "do you ship to"),),
    "it": ((r"(?:(?:e )?la )?stessa (?:e-?)?mail", "same email"), (r"spedizione gratuita", "free shipping"), (r"(qual e )?(il )?(termine|tempo) (per|di) (il |la )?(restituire|reso|restituzione)", "how many days do i have to return"), (r"(spedite|consegnate|inviate) (in|a|verso|negli|nel|nella)(?! (fine settimana|weekend))", "do you ship to"),),
    "de": ((r"(?:die )?(?:gleiche|selbe|dieselbe) e-?mail(?:-adresse)?", "same email"), (r"versandkostenfrei|kostenloser versand", "free shipping"), (r"(wie lange ist )?(die )?(ruckgabefrist|frist fur (die |eine )?ruckgabe)", "how many days do i have to return"),),
}

#: More kinds of product by their names in each language (a store's catalog names them in English).
_KINDS = {
    "es": ((r"pantalones cortos|shorts?", "shorts"), (r"mallas|leggings", "leggings"), (r"(?:sudaderas?|buzos?)(?: con capucha)?", "hoodie"),
           (r"sujetadores? deportivos?|tops? deportivos?", "bra"), (r"camisetas? sin mangas|tirantes", "tank"),
           (r"esterillas?( de yoga)?|colchonetas?", "yoga mat"), (r"botellas?", "bottle"),
           (r"zapatillas|zapatos|tenis", "shoes"), (r"tambien", "also"), (r"saber", "know")),
    "fr": ((r"shorts?", "shorts"), (r"leggings?|collants?", "leggings"), (r"sweats?(?:-shirts?)?(?: a capuche)?|pulls?", "hoodie"),
           (r"brassieres?( de sport)?|soutiens?-gorge( de sport)?", "bra"), (r"debardeurs?", "tank"),
           (r"tapis de yoga", "yoga mat"), (r"bouteilles?|gourdes?", "bottle"), (r"chaussures|baskets", "shoes"),
           (r"aussi", "also"), (r"savoir", "know")),
    "de": ((r"kurze hosen?|shorts", "shorts"), (r"leggings?", "leggings"), (r"kapuzenpullover|pullover|hoodies?", "hoodie"),
           (r"sport-?bhs?", "bra"), (r"tanktops?|tops", "tank"), (r"yogamatten?", "yoga mat"),
           (r"flaschen?|trinkflaschen?", "bottle"), (r"schuhe", "shoes"), (r"die lieferung|lieferung", "delivery"),
           (r"wissen", "know"), (r"ob", "if"), (r"gibt es", "is there"), (r"der|die|das|den|dem", "the"),
           (r"auch", "also")),
    "pt": ((r"bermudas?|shorts?", "shorts"), (r"leggings?", "leggings"), (r"(?:moletons?|moletom)(?: com capuz)?", "hoodie"),
           (r"tops?|sutias?( esportivos?)?", "bra"), (r"regatas?", "tank"), (r"tapetes? de yoga", "yoga mat"),
           (r"garrafas?", "bottle"), (r"tenis|sapatos", "shoes"), (r"tambem", "also"), (r"saber", "know"), (r"se", "if")),
    "it": ((r"pantaloncini|shorts?", "shorts"), (r"leggings?", "leggings"), (r"(?:felpe|felpa)(?: con cappuccio)?", "hoodie"),
           (r"reggiseni( sportivi)?|reggiseno( sportivo)?", "bra"), (r"canotte|canotta", "tank"),
           (r"tappetini( da yoga)?|tappetino( da yoga)?", "yoga mat"), (r"borracce|borraccia|bottiglie|bottiglia", "bottle"),
           (r"scarpe", "shoes"), (r"anche", "also"), (r"sapere", "know"), (r"se", "if")),
}

#: "the cheapest", "free shipping", "is there", opening hours: follow-ups and questions of any store.
_COMMON = {
    "es": ((r"(el|la|los|las|lo) mas barat[oa]s?", "the cheapest"), (r"(el|la|los|las|lo) mas car[oa]s?", "the most expensive"),
           (r"gratis|gratuit[oa]s?", "free"), (r"hay", "is there"),
           # "chaquetas de mujer": the department said with "de"; "mejor en negro": a change of mind
           (r"de (mujer|mujeres|dama|damas|senora|senoras)", "for women"), (r"de (hombre|hombres|caballeros?)", "for men"),
           (r"^\W*mejor\b", "rather"),
           (r"horarios?( de atencion)?", "opening hours"),
           # "y si agrego otros 40": more added to the total quoted before
           (r"(agrego|anado|sumo|agregara|anadiera) otros?", "i add another"), (r"agrego|anado|sumo", "i add")),
    "fr": ((r"(le|la|les) moins chers?|(le|la|les) moins cheres?", "the cheapest"), (r"(le|la|les) plus cher(e|s|es)?", "the most expensive"),
           (r"gratuit(e|s|es)?", "free"), (r"y a-t-il|il y a", "is there"),
           (r"(de |d')?(femmes?|dames?)", "for women"), (r"(de |d')?hommes?", "for men"), (r"^\W*plutot\b", "rather"),
           (r"et vers l'", "and to "), (r"vers l'", "to "), (r"et vers", "and to"), (r"vers", "to"),
           (r"horaires?( d'ouverture)?", "opening hours"),
           (r"j'ajoute|j'en ajoute|on ajoute|ajoute", "i add")),
    "de": ((r"(der|die|das) (billigste|gunstigste)n?", "the cheapest"), (r"(der|die|das) teuerste", "the most expensive"),
           # the superlative said with "am": "welcher ist am billigsten?"
           (r"am (billigsten|gunstigsten)", "the cheapest"), (r"am teuersten", "the most expensive"),
           (r"welche[rsmn]? (ist|sind)", "which is"), (r"welche[rsmn]?", "which"), (r"^\W*lieber\b", "rather"),
           (r"kostenlos|gratis", "free"),
           (r"offnungszeiten|geschaftszeiten|servicezeiten", "opening hours"),
           # "wenn ich noch 40 Dollar dazu nehme": more added to the total quoted before
           (r"wenn ich (?:noch )?(?=\d[\d.,]* (?:dollar|euro)\w* (?:dazu|hinzu))", "if i add "),
           (r"noch(?= \d)", "another")),
    "pt": ((r"(o|a|os|as) mais barat[oa]s?", "the cheapest"), (r"(o|a|os|as) mais car[oa]s?", "the most expensive"),
           (r"gratis|gratuit[oa]", "free"), (r"horarios?( de atendimento)?", "opening hours"),
           (r"de (mulher|mulheres)", "for women"), (r"de (homem|homens)", "for men"), (r"^\W*melhor\b", "rather"),
           (r"(eu )?(adicionar|adiciono|acrescentar|acrescento|colocar) mais", "i add another"),
           (r"(eu )?(adicionar|adiciono|acrescentar|acrescento)", "i add")),
    "it": ((r"(il|la|i|le) piu economic[oiae]", "the cheapest"), (r"(il|la|i|le) piu car[oiae]", "the most expensive"),
           (r"gratis|gratuit[oa]", "free"), (r"c'e|ci sono", "is there"), (r"^\W*meglio\b", "rather"),
           (r"orari( di apertura)?", "opening hours"),
           (r"aggiungo altri|ne aggiungo altri", "i add another"), (r"aggiungo|ne aggiungo", "i add")),
}


#: A question on the product in view by its pronoun ("ist er wasserdicht?", "vem com bateria?"), the
#: measures such a question asks of any store's goods, and two products compared ("diferencia
#: entre"): read as the English "is it waterproof", "what is the difference between".
_ABOUT_IT = {
    "es": ((r"(que|cual es la) diferencia (hay )?entre|diferencia entre", "what is the difference between"),
           (r"cuanto (cuestan|valen)", "how much is"), (r"^\W*cuanto (cuesta|vale)\W*$", "how much is it"),
           (r"bolsillos?", "pockets"),
           (r"cuanto pesa", "how much does it weigh"), (r"viene con|trae", "does it come with"), (r"tiene", "does it have"),
           (r"impermeable|resistente al agua", "waterproof"), (r"garantia", "warranty"), (r"peso", "weight"),
           (r"almacenamiento|capacidad de almacenamiento", "storage"), (r"memoria", "memory"), (r"bateria", "battery"),
           (r"pantalla", "screen")),
    "fr": ((r"(quelle est la |quelles sont les )?differences? entre", "what is the difference between"),
           (r"combien pese-t-(il|elle)|(il|elle) pese combien", "how much does it weigh"),
           (r"poches?", "pockets"), (r"est-(il|elle)", "is it"), (r"a-t-(il|elle)|(il|elle) a", "does it have"),
           (r"(est-(il|elle) )?(livree?|fournie?) avec", "does it come with"),
           (r"etanche|impermeable", "waterproof"), (r"garantie", "warranty"), (r"poids", "weight"),
           (r"stockage|capacite de stockage", "storage"), (r"memoire", "memory"), (r"batterie", "battery"),
           (r"ecran", "screen")),
    "de": ((r"(was ist der |wo ist der )?unterschied zwischen", "what is the difference between"),
           (r"wie schwer( ist)?", "how heavy is"),
           (r"gibt es (die|sie) (auch )?in\b", "and in"),  # "gibt es die auch in gelb?": the list just shown, narrowed
           (r"ist (er|sie|es)", "is it"), (r"hat (er|sie|es)", "does it have"),
           (r"(kommt|ist) (er|sie|es) mit|im lieferumfang", "does it come with"),
           (r"wasserdicht|wasserfest", "waterproof"), (r"garantie", "warranty"), (r"gewicht", "weight"),
           (r"wie ?viel", "how much"), (r"speicherplatz|speicher", "storage"), (r"arbeitsspeicher", "memory"),
           (r"akku|batterie", "battery"), (r"bildschirm", "screen")),
    "pt": ((r"(qual (e )?a )?diferenca entre", "what is the difference between"), (r"quanto pesa", "how much does it weigh"),
           (r"bolsos", "pockets"),
           (r"(ele|ela) e", "is it"), (r"(ele|ela) tem", "does it have"),
           (r"vem com", "does it come with"), (r"a prova d'?agua|impermeavel", "waterproof"), (r"garantia", "warranty"),
           (r"peso", "weight"), (r"armazenamento", "storage"), (r"memoria", "memory"), (r"bateria", "battery"),
           (r"tela", "screen")),
    "it": ((r"(qual e la |che )?differenza (c'e )?(tra|fra)", "what is the difference between"),
           (r"quanto (tempo )?ci mette", "how long does it take"), (r"ci (vogliono|vuole|mettete)", "does it take"),
           (r"arrivare", "arrive"),
           (r"quanto pesa", "how much does it weigh"), (r"viene con", "does it come with"),
           (r"tasche|taschino", "pockets"),
           (r"impermeabile", "waterproof"), (r"garanzia", "warranty"), (r"peso", "weight"),
           (r"archiviazione|spazio di archiviazione", "storage"), (r"memoria", "memory"), (r"batteria", "battery"),
           (r"schermo", "screen")),
}


def _more(language: str) -> tuple[tuple[str, str], ...]:
    from bot.dialogue.language import number_words, place_names
    from bot.dialogue.language.glossary_goods import GOODS
    from bot.dialogue.language.glossary_trouble import TROUBLE

    # goods first: "comida para gatos" is read whole before "para" is "for"
    return (TROUBLE[language] + GOODS[language] + _ABOUT_IT[language] + _COMMON[language] + _MORE_OWN[language] + _KINDS[language] + _DAYS[language] + number_words.readings(language)
            + place_names.readings(language, several_words=False))


_MORE = {language: _more(language) for language in _MORE_OWN}
#: Place names of several words, read before any other word: "irlanda do norte" is one place,
#: not "Ireland of the norte".
def _places(language: str) -> tuple[tuple[str, str], ...]:
    from bot.dialogue.language import place_names

    return place_names.readings(language, several_words=True)


_PLACES = {language: _places(language) for language in _MORE_OWN}

GLOSSARY: dict[str, tuple[tuple[str, str], ...]] = {
    "es": _PLACES["es"] + _FIRST["es"] + ((r"plazos? de entrega", "delivery time"), (r"cual es (su|tu|el) (numero de )?telefono", "what is your phone number"), (r"(su|tu|el) (numero de )?telefono|telefono", "your phone number"),
           (r"(hacen )?(entregan|reparten|envian|entregas|envios) (los|el) fines? de semana", "do you deliver on weekends"),
           (r"^\s*si(?=\s*(?:$|[,.!;]|por favor|gracias|claro|vale|porfa))", "yes"), (r"buen[oa]s( (tardes|dias|noches))?", "hello"), (r"hola", "hello"),
           (r"muchas gracias|gracias", "thanks"), (r"adios|hasta luego", "goodbye"),
           (r"eres (un|una) (bot|robot|maquina|ia)", r"are you a \2"),
           (r"eres (humano|una persona( real)?)", "are you a human"),
           (r"estoy hablando con", "am i talking to"), (r"persona real", "real person"), (r"humano", "human"),
           (r"(hablar|comunicarme) con (una persona|alguien|un agente)", "talk to a human"),
           (r"cuanto (cuesta|vale|sale|es)", "how much is"), (r"precio", "price"),
           (r"gastos de envio|el envio|envio", "shipping"), (r"envian|enviar", "ship"),
           (r"urgente|(?:al |del |para el )?(?:dia siguiente|siguiente dia)(?: habil)?|al otro dia|(?:en )?un dia habil", "overnight"), (r"prioritario", "priority"), (r"estandar", "standard"),
           (r"cuanto (tiempo )?tarda", "how long does it take"), (r"fines? de semana", "weekend"),
           (r"donde esta", "where is"), (r"mi pedido|el pedido|pedido|mi orden", "order"),
           (r"seguir|rastrear", "track"), (r"cancelar", "cancel"),
           (r"mi correo( electronico)? es", "my email is"), (r"correo( electronico)?", "email"),
           (r"cuanto tiempo tengo para devolver\w*", "how long do i have to return"), (r"no (me )?(ha )?llega(do)?", "has not arrived"),
           (r"devolver|devolucion(es)?", "return"), (r"reembolso", "refund"),
           (r"cupones|codigos? de descuento|descuentos?", "promo codes"),
           (r"mochilas?", "backpack"), (r"chaquetas?", "jacket"), (r"camisetas?", "tee"),
           (r"pantalones", "pants"), (r"sudaderas?(?: con capucha)?", "hoodie"), (r"relojes|reloj", "watch"),
           (r"bolsos?", "bag"), (r"para (mujer|mujeres)", "for women"), (r"para (hombre|hombres)", "for men"),
           (r"de menos de|por menos de|menos de|por debajo de", "under"), (r"dolares", "dollars"), (r"dias", "days"),
           (r"regalo", "gift"), (r"tienen|teneis|tenes|venden|vendeis", "do you have"), (r"disponible|en stock", "in stock")) + _MORE["es"] + (
           (r"puedo", "can i"), (r"para un", "for a"), (r"de(?= \d)", "of"), (r"y a", "and to"), (r"y", "and"),
           (r"a", "to")) + _SIZE_COLOR["es"] + _STEMS,
    "fr": _PLACES["fr"] + _FIRST["fr"] + ((r"delais? de livraison", "delivery time"), (r"quel est votre (numero de )?telephone", "what is your phone number"), (r"votre (numero de )?telephone|telephone", "your phone number"),
           (r"(est-ce que vous livrez|livrez-vous|vous livrez) (le|les) week-?ends?", "do you deliver on weekends"),
           (r"^\s*oui\b", "yes"), (r"^\s*non\b", "no"), (r"bonjour|bonsoir|salut", "hello"),
           (r"merci( beaucoup)?", "thanks"), (r"au revoir", "goodbye"),
           (r"(es-tu|etes-vous|vous etes|tu es) (un|une) (bot|robot|ia|machine)", r"are you a \3"),
           (r"(es-tu|etes-vous|vous etes|tu es) (un humain|une vraie personne|une personne reelle)", "are you a human"),
           (r"je parle (a|avec)", "am i talking to"), (r"humain", "human"),
           (r"parler (a|avec) (quelqu'un|une personne|un conseiller|un agent)", "talk to a human"),
           (r"combien (coute|coutent|ca coute|pour)|c'est combien|ca coute combien|ca fait combien", "how much is"), (r"prix", "price"),
           (r"frais de (port|livraison)|la livraison|livraison|l'expedition|expedition", "shipping"),
           (r"livrez|livrer|expediez", "ship"),
           (r"(n'?est|ne suis|n'?ai) (toujours )?pas (encore )?(arrivee?|recue?|livree?)|pas (encore )?(arrivee?|recue?)", "has not arrived"), (r"express|(?:le |au )?lendemain|(?:le |au )?jour (?:ouvre )?suivant|(?:en )?un jour (?:ouvre|ouvrable)", "overnight"),
           (r"prioritaire", "priority"), (r"combien de temps", "how long"), (r"week-end|weekend", "weekend"),
           (r"(je voudrais savoir )?ou en est|ou est", "where is"), (r"ma commande|la commande|commande", "order"), (r"suivre", "track"),
           (r"annuler", "cancel"), (r"je voudrais|je veux|j'aimerais", "i want to"), (r"mon (e-?mail|adresse e-?mail|courriel) est", "my email is"),
           (r"combien de jours pour (retourner|renvoyer)", "how long do i have to return"),
           (r"j'ai combien de jours|combien de jours (ai-je|j'ai)", "how many days do i have"),
           (r"retourner|renvoyer|retour", "return"), (r"remboursement", "refund"),
           (r"codes? promo|reductions?|bons? de reduction", "promo codes"),
           (r"sacs? a dos", "backpacks"), (r"vestes?|blousons?", "jacket"), (r"t-shirts?", "tee"),
           (r"pantalons?", "pants"), (r"montres?", "watch"), (r"sacs?", "bag"),
           (r"pour (femme|femmes)", "for women"), (r"pour (homme|hommes)", "for men"),
           (r"a moins de|moins de", "under"), (r"jours", "days"), (r"cadeau", "gift"),
           (r"vous avez (?:des|du|de la|de l'|de)|avez-vous (?:des|du|de la|de l'|de)?|vous vendez", "do you have"),
           # "et elle est en stock ?" after a product's answer: "it" is that product
           (r"(il|elle) est (en stock|disponible)", "is it in stock"), (r"en stock|disponible", "in stock")) + _MORE["fr"] + (
           (r"puis-je|je peux", "can i"), (r"et a", "and to"), (r"et", "and")) + _SIZE_COLOR["fr"] + _STEMS,
    "de": _PLACES["de"] + _FIRST["de"] + ((r"lieferzeit(en)?", "delivery time"), (r"wie (ist|lautet) (eure|ihre|deine) telefonnummer", "what is your phone number"), (r"(eure|ihre|deine) telefonnummer|telefonnummer", "your phone number"),
           (r"(liefert ihr|liefern sie|versendet ihr) (auch )?am wochenende", "do you deliver on weekends"),
           (r"(express|standard|priority|prioritats) ?(versand|lieferung)", r"\1 shipping"),
           (r"^\s*ja\b", "yes"), (r"^\s*nein\b", "no"), (r"hallo|guten (tag|morgen|abend)|servus|moin", "hello"),
           (r"danke( schon)?", "thanks"), (r"tschuss|auf wiedersehen", "goodbye"),
           (r"(bist du|sind sie) (ein|eine) (bot|roboter|ki|maschine)", "are you a bot"),
           (r"(bist du|sind sie) (ein )?mensch", "are you a human"), (r"mensch", "human"),
           (r"mit (einem menschen|einer person|jemandem|einem mitarbeiter) sprechen", "talk to a human"),
           (r"was kostet|wie viel kostet|wieviel kostet", "how much is"), (r"preis", "price"),
           (r"versandkosten|der versand|versand", "shipping"), (r"liefern|versenden", "ship"), (r"(ist|kam) (immer )?noch nicht (angekommen|an|da)|nicht angekommen", "has not arrived"),
           (r"express|uber ?nacht|(?:am |zum )?na(?:e)?chste[nmr]? (?:werk)?tag", "overnight"), (r"prioritat\w*", "priority"),
           (r"wie lange habe ich zeit fur eine ruckgabe", "how long do i have to return"),
           (r"wie lange dauert", "how long does it take"), (r"wochenende", "weekend"),
           (r"fur eine bestellung von", "for an order of"), (r"wo ist", "where is"),
           (r"meine bestellung|die bestellung|bestellung", "order"), (r"verfolgen", "track"),
           (r"stornieren", "cancel"), (r"meine e-?mail(-adresse)? ist", "my email is"),
           (r"ruckgabe|zuruckgeben|zurucksenden|zuruckschicken", "return"), (r"erstattung", "refund"),
           (r"gutscheine?|rabattcodes?|rabatte?", "promo codes"), (r"rucksack|rucksacke", "backpack"),
           (r"jacken?", "jacket"), (r"hosen?", "pants"), (r"uhren?", "watch"), (r"taschen?", "bag"),
           (r"fur damen|fur frauen", "for women"), (r"fur herren|fur manner", "for men"),
           # a department as the first part of a compound ("Herren-Shorts", "Damen Jacken")
           (r"damen-?|frauen-", "womens "), (r"herren-?|manner-", "mens "),
           (r"unter", "under"), (r"tage", "days"), (r"geschenk", "gift"),
           (r"habt ihr|haben sie|verkauft ihr", "do you have"), (r"auf lager|verfugbar", "in stock")) + _MORE["de"] + (
           (r"kann ich", "can i"), (r"ein|eine|einen", "a"), (r"und nach", "and to"), (r"nach", "to"), (r"und", "and"))
          + _SIZE_COLOR["de"] + _STEMS,
    "pt": _PLACES["pt"] + _FIRST["pt"] + ((r"prazos? de entrega", "delivery time"), (r"(qual (e )?o )?(seu )?telefone( de (voces|vcs))?", "what is your phone number"),
           (r"(voces|vcs)? ?(entregam|enviam) n[oa]s? (fim|fins) de semana", "do you deliver on weekends"),
           (r"^\s*sim\b", "yes"), (r"^\s*nao\b", "no"), (r"ola|oi|bom dia|boa tarde|boa noite", "hello"),
           (r"obrigad[oa]|brigad[oa]|valeu", "thanks"), (r"tchau|ate logo", "goodbye"),
           (r"(voce e|vc e|e) (um|uma) (bot|robo|ia|maquina)", "are you a bot"),
           (r"(voce e|vc e) (humano|uma pessoa( real)?)", "are you a human"), (r"pessoa real", "real person"),
           (r"humano", "human"), (r"falar com (uma pessoa|alguem|um atendente)", "talk to a human"),
           (r"quanto (custa|fica|e)", "how much is"), (r"preco", "price"),
           (r"o frete|frete|envio|entrega", "shipping"), (r"enviam|entregam", "ship"),
           (r"expresso|urgente|(?:no |do |para o )?dia (?:util )?seguinte|(?:no |para o )?proximo dia(?: util)?(?! ?\d)|(?:em )?um dia util", "overnight"), (r"prioritario", "priority"),
           (r"padrao", "standard"), (r"quanto tempo (demora|leva)", "how long does it take"),
           (r"fins? de semana", "weekend"), (r"para um pedido de|pra um pedido de", "for an order of"),
           (r"onde esta", "where is"), (r"meu pedido|o pedido|pedido|encomenda", "order"),
           (r"rastrear|acompanhar", "track"), (r"cancelar", "cancel"), (r"meu e-?mail e", "my email is"),
           (r"dolares", "dollars"), (r"quanto tempo (tenho|temos) (para|pra) devolver\w*", "how long do i have to return"), (r"(ainda )?nao (me )?chegou", "has not arrived"),
           (r"voces tem cupons de desconto|cupons|cupom|codigos? promocionais|descontos?", "do you have promo codes"),
           (r"devolver|devolucao", "return"), (r"reembolso", "refund"), (r"presente", "gift"),
           (r"mochilas?", "backpack"), (r"jaquetas?", "jacket"), (r"camisetas?", "tee"),
           (r"calcas?", "pants"), (r"relogios?", "watch"), (r"bolsas?", "bag"),
           (r"femininas?|para mulheres?", "for women"), (r"masculinas?|para homens?", "for men"),
           (r"por menos de|menos de|abaixo de", "under"), (r"dias", "days"), (r"(voces |vcs )?vendem|voces tem|vcs tem|tem", "do you have"),
           (r"em estoque|disponivel", "in stock")) + _MORE["pt"] + ( (r"posso", "can i"), (r"e para", "and to"),
           (r"para|pra", "to"), (r"e-mails?", "email"), (r"e", "and")) + _SIZE_COLOR["pt"] + _STEMS,
    "it": _PLACES["it"] + _FIRST["it"] + ((r"tempi di consegna", "delivery time"), (r"qual e il (vostro )?numero di telefono", "what is your phone number"), (r"il (vostro )?numero di telefono|telefono", "your phone number"),
           (r"(consegnate|spedite) (nel|il|durante il) (fine settimana|weekend)", "do you deliver on weekends"),
           (r"quanto tempo (ho|abbiamo) per (restituire|fare (un )?reso)", "how long do i have to return"),
           (r"^\s*si\b", "yes"), (r"grazie( mille)?,? ciao", "thanks, goodbye"), (r"(ok|va bene|perfetto),? ciao|ciao ciao", "ok goodbye"),
           (r"ciao|buongiorno|buonasera|salve", "hello"), (r"grazie( mille)?", "thanks"),
           (r"arrivederci", "goodbye"), (r"sei (un|una) (bot|robot|ia|macchina)", "are you a bot"),
           (r"sei (umano|una persona( vera| reale)?)", "are you a human"), (r"umano", "human"),
           (r"parlare con (una persona|qualcuno|un operatore)", "talk to a human"),
           (r"quanto costa|quanto costano", "how much is"), (r"prezzo", "price"),
           (r"la spedizione|spedizione|consegna", "shipping"), (r"spedite|consegnate|spedire", "ship"), (r"non (mi )?(e )?(ancora )?(arrivat[oa]|arriva)", "has not arrived"),
           (r"espressa|urgente|(?:il |al |per il )?giorno (?:lavorativo )?(?:dopo|successivo|seguente)|(?:in |entro )?(?:un|1) giorno lavorativo", "overnight"), (r"prioritaria", "priority"),
           (r"quanto (tempo )?(ci vuole|impiega)", "how long does it take"), (r"fine settimana|weekend", "weekend"),
           (r"dov'?\s?e", "where is"), (r"il mio ordine|l'ordine|ordine", "order"), (r"tracciare|seguire", "track"),
           (r"annullare", "cancel"), (r"la mia e-?mail e", "my email is"),
           (r"posso restituire", "can i return"), (r"restituire|reso|resi", "return"),
           (r"rimborso", "refund"), (r"un regalo|regalo", "a gift"),
           (r"codici sconto|codice sconto|coupon|sconti", "promo codes"), (r"zaini|zaino", "backpack"),
           (r"giacche|giacca", "jacket"), (r"magliette|maglietta", "tee"), (r"pantaloni", "pants"),
           (r"orologi|orologio", "watch"), (r"borse|borsa", "bag"), (r"da donna|per donna", "for women"),
           (r"da uomo|per uomo", "for men"), (r"sotto i|sotto|meno di", "under"), (r"dollari", "dollars"),
           (r"giorni", "days"), (r"avete|vendete", "do you have"), (r"disponibile", "in stock")) + _MORE["it"] + (
           (r"e per", "and to"), (r"per favore", "please"), (r"per", "for"), (r"e-mails?", "email"), (r"e", "and")) + _SIZE_COLOR["it"] + _STEMS,
}
#: A change called off ("no lo canceles", "ne l'annulez pas", "doch nicht stornieren", "deixa pra
#: la", "lascia stare"): read as the English call-offs the order flows know (`orders.called_off`),
#: before "cancel" alone is read; only the imperative ("no lo cancelaron" tells, it asks nothing),
#: and "forget it" only opening the message ("j'ai oublié" and "dejalo en la puerta" call nothing off).
_CALLED_OFF = {
    "es": ((r"(?:mejor )?no (?:me )?(?:lo |la |los |las )?cancel(?:es|e|en)\b", "dont cancel it"),
           (r"^\W*(?:olvidalo|olvidelo|dejalo asi|dejelo asi|mejor no)(?=\s*(?:[,.;!]|$))", "never mind"),
           (r"me (?:lo|la|los|las) quedo", "ill keep it")),
    "fr": ((r"ne (?:l'|le |la |les )?annul\w* pas|n'annul\w* pas", "dont cancel it"),
           (r"laisse[zr]? tomber|^\W*(?:oubliez|oublie|finalement non|non finalement)(?:[- ](?:le|ca|tout ca))?(?=\s*(?:[,.;!]|$))", "never mind"),
           (r"je (?:le|la|les) garde", "ill keep it")),
    "de": ((r"(?:doch |bitte )?nicht (?:mehr )?stornieren|stornieren sie (?:sie|es) (?:doch )?nicht", "dont cancel it"),
           (r"vergiss es|vergessen sie es|^\W*schon gut(?=\s*(?:[,.;!]|$))", "never mind"), (r"ich behalte (?:es|sie|ihn)", "ill keep it")),
    "pt": ((r"nao (?:o |a |os |as )?cancel(?:e|a|em|ar)\b", "dont cancel it"),
           (r"deixa (?:pra|para) la|deixa quieto|^\W*(?:esquece|esqueca)(?: isso)?(?=\s*(?:[,.;!]|$))", "never mind"),
           (r"vou ficar com (?:ele|ela|eles|elas)", "ill keep it")),
    "it": ((r"non (?:lo |la )?annull(?:are|arlo|arla|i|ate)\b", "dont cancel it"),
           (r"lascia(?:mo)? (?:stare|perdere)|lasci perdere|^\W*non importa(?=\s*(?:[,.;!]|$))", "never mind"),
           (r"(?:lo|la|li|le) tengo", "ill keep it")),
}
# paying, price terms, return conditions and call-offs: their phrases before any of the words above
# ... and a story of one's purchase (when, bought, never used, can i still): before them too; then
# what is asked of a product or a page ("elle coûte combien", "primo ordine"), before single words
GLOSSARY = {language: TERMS.get(language, ()) + _CALLED_OFF.get(language, ()) + STORIES.get(language, ())
            + ASKS.get(language, ()) + words
            for language, words in GLOSSARY.items()}
