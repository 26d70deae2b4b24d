"""Goods told as harmed on arrival in each language -> English (data for `glossary`).

"la glace est arrivée toute fondue", "il vaso è arrivato crepato", "el queso llegó podrido": the
arrival and the harm read as "arrived" and "melted", "cracked", "rotten", so that
`orders.order_trouble` hears the problem and answers with the store pages' procedure, as it does
for "the ice cream arrived melted". Matched as whole words on the message with its accents
removed, before the glossary's other words ("llega" alone is "arrive", "no ha llegado" is
"has not arrived": both read earlier or later by their own phrases). Spanish "vino" (came) is
left out: it is wine too.
"""

from __future__ import annotations

TROUBLE: dict[str, tuple[tuple[str, str], ...]] = {
    "es": ((r"(?:me )?(?:llego|llegaron|ha llegado|han llegado)", "arrived"), (r"rot[oa]s?|quebrad[oa]s?", "broken"),
           (r"danad[oa]s?|estropead[oa]s?", "damaged"), (r"abollad[oa]s?", "dented"), (r"agrietad[oa]s?", "cracked"),
           (r"derretid[oa]s?", "melted"), (r"podrid[oa]s?", "rotten"), (r"mohos[oa]s?|con moho", "mouldy"),
           (r"caliente", "warm"), (r"descongelad[oa]s?", "thawed"), (r"caducad[oa]s?|vencid[oa]s?", "expired"),
           (r"goteando|perdiendo liquido", "leaking"), (r"(?:huele|olia|sabe|sabia) mal", "smells off")),
    "fr": ((r"(?:est|sont) arrivee?s?|arrivee?s?", "arrived"), (r"cassee?s?", "broken"),
           (r"abimee?s?|endommagee?s?", "damaged"), (r"cabossee?s?", "dented"), (r"fendue?s?|fissuree?s?", "cracked"),
           (r"fondue?s?", "melted"), (r"pourrie?s?", "rotten"), (r"moisie?s?", "mouldy"), (r"chaude?s?", "warm"),
           (r"decongelee?s?", "thawed"), (r"perimee?s?", "expired"), (r"fuit|fuyait|coule|coulait", "leaking"),
           (r"sent(?:ait)? mauvais", "smells off")),
    "de": ((r"kam(?:en)?", "arrived"), (r"kaputt|zerbrochen", "broken"),
           (r"beschadigt", "damaged"), (r"verbeult", "dented"), (r"gesprungen|gerissen", "cracked"),
           (r"geschmolzen", "melted"), (r"verfault|verdorben", "spoiled"), (r"verschimmelt|schimmelig", "mouldy"),
           (r"sauer", "sour"), (r"aufgetaut", "thawed"), (r"abgelaufen", "expired"),
           (r"undicht|ausgelaufen|lauft aus", "leaking")),
    "pt": ((r"chegou|chegaram|veio|vieram", "arrived"), (r"quebrad[oa]s?", "broken"), (r"danificad[oa]s?", "damaged"),
           (r"amassad[oa]s?", "dented"), (r"rachad[oa]s?", "cracked"), (r"derretid[oa]s?", "melted"),
           (r"estragad[oa]s?", "spoiled"), (r"podres?", "rotten"), (r"mofad[oa]s?|embolorad[oa]s?", "mouldy"),
           (r"quentes?", "warm"), (r"descongelad[oa]s?", "thawed"), (r"vencid[oa]s?", "expired"),
           (r"vazando", "leaking")),
    "it": ((r"(?:e|sono) arrivat[oaie]|arrivat[oaie]", "arrived"), (r"rott[oaie]", "broken"),
           (r"danneggiat[oaie]", "damaged"), (r"ammaccat[oaie]", "dented"), (r"crepat[oaie]|incrinat[oaie]", "cracked"),
           (r"sciolt[oaie]", "melted"), (r"marc[ioe]", "rotten"), (r"ammuffit[oaie]", "mouldy"), (r"cald[oaie]", "warm"),
           (r"scongelat[oaie]", "thawed"), (r"scadut[oaie]", "expired"), (r"perde|gocciola", "leaking")),
}
