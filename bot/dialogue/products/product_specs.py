"""A product's specifications, and which of them a question asks for.

A record's specs are its attributes and the "Label: value" lines of its description ("Weight:
1.1 kg", "Luminous flux: 3000 lm", "In the box: ..."), whatever the store calls them. A
question meets a spec through what it measures, not through shared words: "how heavy",
"kilos" and "lbs" ask for a weight, "lumens" and "how bright" for a light output, "come
with" for what is in the box, "waterproof" and "ok outdoors" for an IP rating. Each measure
knows the words that ask for it, the words its labels use and the units its values carry, so
a label a store words its own way ("Net weight", "Light output", "Box contents") or a value
with a unit and no telling label ("Rating: IP65") still answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from kb import Product

from bot.dialogue.written_replies import SPEC_LINE


@dataclass(frozen=True, slots=True)
class Spec:
    """One specification of a product: "Weight" -> "1.1 kg"."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Measure:
    """What a question may ask for: the words asking it, the labels naming it, the units (or
    value forms) its values carry."""

    name: str
    asks: re.Pattern[str]
    labels: re.Pattern[str]
    units: re.Pattern[str] | None = None
    #: labels of another measure that holds this one's words: "weight capacity" is no weight
    not_labels: re.Pattern[str] | None = None

    def states(self, text: str) -> bool:
        """True when a label or line names this measure (not one that merely holds its words)."""
        return bool(self.labels.search(text)) and not self.other(text)

    def other(self, text: str) -> bool:
        """True when a label or line names the other measure that holds this one's words."""
        return bool(self.not_labels and self.not_labels.search(text))

    def in_line(self, text: str) -> bool:
        """True when a line speaks of this measure: by its label words or a value in its units."""
        return self.states(text) or bool(self.units and self.units.search(text) and not self.other(text))


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b", re.I)


#: a number before its unit: "1.1 kg", "3000lm", "30-inch" (hyphened as an adjective)
_NUMBER = r"\d(?:[\d.,]*\d)?[\s-]?"
#: What things are made of, as a record names them in a sentence with no label.
_MATERIALS = _words(r"(?:bonded |genuine |faux |real )?leather|(?:solid )?wood|oak|walnut|pine|beech|bamboo|"
                    r"veneer|steel|stainless steel|alumin(?:i)?um|iron|brass|copper|chrome|metal|glass|"
                    r"plastic|polypropylene|polycarbonate|abs|acrylic|nylon|polyester|cotton|wool|linen|silk|"
                    r"velvet|mesh|foam|rubber|silicone|ceramic|porcelain|marble|stone|concrete|carbon fib(?:re|er)|"
                    r"polycotton|fabric|canvas|tpu|pvc|eva|kevlar|neoprene|latex|polyurethane|spandex|lycra|"
                    r"elastane|microfib(?:re|er)|fib(?:re|er)glass|polyethylene|ripstop|suede|denim|cork|resin|"
                    r"titanium|carbon|vinyl|particleboard|fib(?:re|er)board|melamine|rattan|wicker|fleece|alloy")
_LOAD_LABELS = _words(r"load|capacity|max(?:imum)? (?:load|weight)|weight limit|user weight")
#: The measures shoppers ask about, most specific first: a question that asks how much weight
#: a chair holds asks its load capacity, not its weight.
MEASURES = (
    Measure("load", _words(r"load|capacity|how much weight|weight limit|max(?:imum)? weight|hold up to|"
                           r"holds?|supports? up to|rated for|how heavy (?:a|of a) (?:person|load)|i weigh|"
                           r"heavy (?:person|people|user)|(?:take|hold|support|carry|bear)s? (?:up to |about |"
                           r"over )?\d+ ?(?:kg|kgs|kilos?|lbs?|pounds?|stone)"),
            _LOAD_LABELS),
    Measure("weight", _words(r"heavy|heavier|weigh\w*|kilos?|kgs?|pounds?|lbs?|grams?|ounces?|light ?weight"),
            _words(r"weight|mass|weighs"), re.compile(_NUMBER + r"(?:kg|kgs|g|lbs?|oz|kilos?|pounds?)\b", re.I),
            _LOAD_LABELS),
    Measure("brightness", _words(r"bright\w*|lumens?|lm|luminous|light output|how much light|output"),
            _words(r"luminous|lumens?|brightness|light output|flux"),
            re.compile(_NUMBER + r"(?:lm|lumens?)\b", re.I)),
    Measure("colour temperature", _words(r"colou?r temp\w*|temperature|kelvin|warm white|cool white|daylight|"
                                         r"warm light|cold light|how warm|how cool"),
            _words(r"colou?r temp\w*|cct|kelvin"), re.compile(_NUMBER + r"K\b")),
    Measure("power", _words(r"watts?|wattage|power|consum\w*|energy|electricity"),
            _words(r"power|wattage|consumption|watts?"), re.compile(_NUMBER + r"(?:w|kw|watts?)\b", re.I)),
    Measure("voltage", _words(r"volts?|voltage|mains|adapter|power supply|plug"),
            _words(r"voltage|input|power supply|adapter|mains"), re.compile(_NUMBER + r"v\b", re.I)),
    Measure("lifespan", _words(r"lifespan|life ?time|life span|how long (?:will|does|do|would) (?:it|they|the \w+) last|"
                               r"hours? of use|rated life"),
            _words(r"life ?span|life ?time|rated life|lamp life|life"), re.compile(r"\d[\d,.]*\s?(?:h|hours|hrs)\b", re.I)),
    Measure("care", _words(r"wash\w*|dry ?clean\w*|iron\w*|tumble|clean\w*|care"),
            _words(r"care|wash\w*|cleaning")),
    Measure("warranty", _words(r"warrant\w*|guarantee\w*|guaranty|yrs?|cover(?:ed)? for|how many years"),
            _words(r"warrant\w*|guarantee\w*")),
    # where it may be used: an IP rating, or a value that is only "Indoor" / "Outdoor"
    Measure("use", _words(r"water\w*|rain\w*|wet|outdoors?|outside|indoors?|inside|exterior|weather\w*|"
                          r"damp|bathroom|shower|garden|dust\w*|ip ?\d\d|ip rating|splash\w*|moisture"),
            _words(r"^protection$|protection (?:class|rating|degree)|ip rating|ingress|water\w*|weather\w*|"
                   r"outdoor\w*|indoor\w*"),
            re.compile(r"\bIP ?\d{2}\b|^(?:(?:indoors?|outdoors?)(?:, |$))+$", re.I)),
    Measure("origin", _words(r"where(?:'?s| is| are| was| were| do| does) (?!.{0,40}\b(?:ship|deliver|sen[dt]))"
                             r".{0,40}\b(?:made|manufactured|produced|built|come from|from)|"
                             r"made in|country of origin|origin|manufactured in|which country|what country|"
                             r"imported|domestic"),
            _words(r"country of origin|origin|made in|manufactured in|country")),
    Measure("material", _words(r"made (?:of|from|out of|with)|materials?|fabric|built (?:of|from)|"
                               r"what is it made|plastic|metal|wood(?:en)?|steel|aluminium|aluminum|leather"),
            # "Made with EVA foam", a feature line with no label, names it too
            _words(r"materials?|fabric|composition|construction|made (?:of|from|out of|with)"),
            # a sentence naming what it is made of, with no label: "bonded leather seat", "solid wood"
            _MATERIALS),
    # how many it seats: "Seats 10 to 12", "for max. 4 persons"; not a seat's height or depth
    Measure("seating", _words(r"how many (?:people|persons|guests|adults|users)|seating|how many (?:can )?(?:sit|seat)|"
                              r"(?:people|persons|guests) (?:can |does it |will )?(?:sit|fit|seat)|"
                              r"seats? (?:how many|up to|\d+)|sits? how many"),
            re.compile(r"\bseat(?:s|ing)\b(?! (?:height|depth|width|material))|\b(?:persons|people|guests)\b", re.I),
            re.compile(r"\b\d+\s*(?:to|-|–)?\s*\d*\s*(?:people|persons|guests)\b", re.I)),
    Measure("contents", _words(r"come with|comes with|came with|include[sd]?|including|in the box|"
                               r"what (?:else )?(?:comes?|came) in|"
                               r"box contents?|supplied with|what do (?:i|you) get|ships? with|packaged with|"
                               r"what'?s in (?:the|it)|extras?"),
            _words(r"in the box|included|includes|contents|package|supplied(?: with)?|what'?s in the box"),
            # a set's parts joined by "+" ("Desk combination, black-brown: chair + desk + drawer")
            re.compile(r"\b[a-z][\w-]* \+ [a-z][\w-]*(?: \+ [a-z][\w-]*)*", re.I)),
    # what it runs on: "does it run on batteries or is it rechargeable" asks the power source
    # ("Power: 4 D batteries or USB rechargeable"), not how long a charge lasts
    Measure("power source", _words(r"runs? (?:on|off)|recharg\w*|battery[- ](?:operated|powered)|cordless|corded|"
                                   r"(?:what|which|what kind of|what type of|what size) batter(?:y|ies)|"
                                   r"(?:take|use|need)s? batter(?:y|ies)|plugs? in"),
            _words(r"power(?: source| supply| type)?|batter(?:y|ies)(?: type| size)?"),
            re.compile(r"\brecharge\w*|\b(?:AAA?|[CD]|9V)\b batter|\blithium\b|\bli-ion\b", re.I)),
    # a battery's life is often hours of what it does: "up to 12 hours of music playback"
    Measure("battery", _words(r"batter(?:y|ies)|charge|charging|runtime|run time|backup|burn (?:time|life)|"
                              r"how long does it (?:last|run)|talk ?time|standby|playback"),
            _words(r"battery|runtime|run time|backup|burn (?:time|life)|talk ?time|standby"),
            re.compile(_NUMBER + r"(?:mah|wh)\b|\d[\d.]*[\s-]?(?:hours?|hrs?)\b[^.;]{0,40}\b(?:playback|play|"
                       r"talk|music|video|listening|standby|per charge|on a (?:single |full )?charge)", re.I)),
    Measure("speed", _words(r"fast|speed|quick\w*|how quickly|per (?:second|minute)|rate"),
            _words(r"speed|rate|rpm|fps|throughput"),
            re.compile(r"per (?:second|minute)|/s\b|\b(?:rpm|ppm|mbps|fps)\b", re.I)),
    Measure("connection", _words(r"connect\w*|interface|usb|bluetooth|wi-?fi|wireless|ethernet|ports?|"
                                 r"plugs? in|cable"),
            _words(r"interface|connect\w*|ports?|connectivity")),
    Measure("memory", _words(r"ram|memory|storage|gb|tb|ssd|hdd|disk|space"),
            _words(r"ram|memory|storage|ssd|hdd|disk"), re.compile(_NUMBER + r"(?:gb|tb|mb)\b", re.I)),
    # a screen's size is its diagonal: "30-inch", "3.8\"" in a sentence with no label
    Measure("screen", _words(r"screen|display|inch(?:es)?"), _words(r"screen|display|monitor size"),
            re.compile(r'\d(?:[\d.,]*\d)?[\s-]?inch(?:es)?\b|\d(?:\.\d+)?(?:"|\'\')(?!\w)', re.I)),
    # a drink's strength and a container's fill, under whatever code a store gives them ("abv",
    # "volume"): "how strong is the lager", "what size bottle is the wine"
    Measure("alcohol", _words(r"abv|alcohol(?: content| by volume| percentage| level)?|how strong|strength|"
                              r"proof|% ?vol|alc(?:ohol)?\.? ?/ ?vol"),
            _words(r"abv|alcohol(?: content| by volume)?|alc(?:ohol)?\.? ?/ ?vol|strength"),
            re.compile(r"\d(?:[\d.,]*\d)?\s?%\s?(?:abv|vol|alc)\b", re.I)),
    Measure("volume", _words(r"volume|bottle size|size (?:of )?(?:the |a |each )?(?:bottles?|cans?|tins?|jars?|cartons?)|"
                             r"(?:what|which) size (?:bottles?|cans?|tins?|jars?|cartons?)|"
                             r"how (?:big|large) (?:is|are) the (?:bottles?|cans?|tins?|jars?|cartons?)|"
                             r"how much (?:does it|do they|is in it|is in the (?:bottle|can|tin|jar))(?: hold)?|"
                             r"ml|millilit\w*|centilit\w*|lit(?:re|er)s?|cl|fl\.? ?oz"),
            _words(r"volume|net (?:volume|contents?|quantity)|fill|liquid capacity"),
            re.compile(_NUMBER + r"(?:ml|cl|l|litres?|liters?|fl\.? ?oz)\b", re.I)),
    # how long a recording, an episode or a class runs ("Running time: 9:24", "Duration: 45 min"):
    # "how long is it" asks this or a size, and a record that states a running time means it
    Measure("duration", _words(r"how long (?:is|are)|how many (?:minutes|mins|hours|seconds)|(?:minutes|mins) long|"
                               r"duration|running time|run ?time|runtime|playing time|play ?time|"
                               r"length of (?:the |this |that )?(?:song|track|episode|film|movie|video|recording)"),
            _words(r"duration|running time|playing time|play ?time|run ?time|runtime|total time"),
            re.compile(r"\b\d{1,3}:[0-5]\d(?::[0-5]\d)?\b|" + _NUMBER + r"min(?:ute)?s?\b", re.I)),
    Measure("size", _words(r"how (?:big|large|tall|high|wide|deep)|how long (?:is|are)|dimensions?|size of|measure\w*|"
                           r"height|width|depth|length|cm|mm|inch(?:es)?|centimet\w*|feet|foot"),
            _words(r"dimensions?|sizes?|height|width|depth|length|measurements?"),
            re.compile(_NUMBER + r"(?:mm|cm|m|metres?|meters?|inch(?:es)?|ft|foot|feet)\b(?!\s*(?:per|/))|"
                       r"\d\s?x\s?\d", re.I)),
    Measure("compatibility", _words(r"compatib\w*|works? with|use (?:it )?with|windows|mac|android|ios|"
                                    r"operating system|support(?:s|ed)?"),
            _words(r"compatib\w*|fits|works with|operating system|os|platforms?|supported")),
    Measure("lead time", _words(r"lead time|made to order|how long (?:to|for|does it take to) (?:make|build)"),
            _words(r"lead time|made to order|production time")),
    Measure("brand", _words(r"brand|manufacturer|made by|who makes|what make"), _words(r"brand|manufacturer|make")),
)

_CONTENTS = next(m for m in MEASURES if m.name == "contents")
_DURATION = next(m for m in MEASURES if m.name == "duration")


def specs(product: Product) -> list[Spec]:
    """The product's attributes and its description's "Label: value" lines, in record order."""
    found = [Spec(code.replace("_", " ").strip(), ", ".join(values))
             for code, values in product.attributes.items() if values]
    # a description line an attribute already states ("Weight: 1.3 lb." and weight 1.3 lb,
    # an import keeping both) is said once
    own = {s.label.lower() for s in found}
    found += [Spec(label.strip(), value.strip().rstrip("."))
              for label, value in SPEC_LINE.findall(product.description or "")
              if label.strip().lower() not in own]
    found += [s for s in _headed_lists(product.description or "") if s.label.lower() not in own]
    return list(dict.fromkeys(found))


#: A label ending its line ("Includes:", "Tools Include:", "- Materials:"), and a list item.
_LIST_LABEL = re.compile(r"^([ \t]*)([-•*][ \t]*)?([A-Z][A-Za-z ]{2,24}):[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)[-•*][ \t]*(\S.*)$")


def _headed_lists(description: str) -> list[Spec]:
    """A label of a measure whose value is the list under it ("Includes:" then "- 3L pot",
    "- Four bowls") as one spec of its items; a list of "Label: value" lines (a "Specifications:" block) is
    read line by line instead. A label that is itself an item ("- Materials:") holds only the
    items indented under it."""
    lines = description.split("\n")
    found = []
    for at, line in enumerate(lines):
        label = _LIST_LABEL.match(line)
        if not label:
            continue
        depth = len(label.group(1)) if label.group(2) else -1
        items = []
        for following in lines[at + 1:]:
            item = _ITEM.match(following)
            if not item or len(item.group(1)) <= depth:
                break
            items.append(item.group(2).strip().rstrip("."))
        named = label.group(3).strip()
        # only a label that names a measure ("Includes", "Materials"): a "Features:" list is
        # no one spec, and its units would answer measures it does not state
        if items and not any(SPEC_LINE.match(item) for item in items) and any(m.states(named) for m in MEASURES):
            found.append(Spec(named, ", ".join(items)))
    return found


def asked_measures(question: str, product: Product | None = None) -> list[Measure]:
    """The measures a question asks for (the product's own name words ask nothing: "the Halo
    30W" asks no power), most specific first; one that a more specific one contains is left
    out ("how much weight can it hold" asks the load, not the weight)."""
    text = question if product is None else without_name(question, product)
    asked = [m for m in MEASURES if m.asks.search(text)]
    if any(m.name == "load" for m in asked):
        asked = [m for m in asked if m.name != "weight"]
    return asked


def without_name(question: str, product: Product) -> str:
    """The question without the product's name: the runs of two or more of its name's words
    (the mention), so that a name word asked apart stays ("screen size of the touch screen
    pos system" asks the screen); with no such run, every name word goes ("the halo 30w")."""
    # not its short words: "in", "x" of "Desk, 60 x 29 in." are the shopper's words too
    own = {w for w in re.findall(r"[a-z0-9]+", product.name.lower()) if len(w) > 2 or w.isdigit()}
    tokens = re.findall(r"[\w'.-]+", question)
    named = [t.lower().strip("'.-") in own for t in tokens]
    keep, at = [True] * len(tokens), 0
    while at < len(tokens):
        end = at
        while end < len(tokens) and named[end]:
            end += 1
        if end - at >= 2:
            keep[at:end] = [False] * (end - at)
        at = max(end, at + 1)
    if all(keep):
        keep = [not n for n in named]
    return " ".join(t for t, k in zip(tokens, keep) if k)


def asked_specs(product: Product, question: str, most: int = 3) -> list[Spec]:
    """The product's specs that answer the question: for each measure asked, the specs whose
    label names it, else those whose value carries its unit."""
    mine = specs(product)
    named = Spec("Name", product.name)
    chosen: list[Spec] = []
    for measure in asked_measures(question, product):
        if measure.name == "size" and any(_DURATION.in_line(f"{s.label}: {s.value}") for s in chosen):
            continue  # "how long is the track": its running time said, its "File size" is no answer
        by_label = [s for s in mine if measure.states(s.label)]
        by_unit = [s for s in mine if measure.units is not None and measure.units.search(s.value)
                   and not measure.other(s.label)]
        # the name may hold it when the record does not: "Halo 30W ...", "Panel 60x60"
        # (a number with its unit: "Leather Sofa" names its kind, it states no material)
        by_name = [named] if measure.units is not None and measure.units.search(product.name) \
            and measure.name != "material" else []
        chosen += [s for s in (by_label or by_unit or by_name) if s not in chosen]
    return chosen[:most]


def part_lines(product: Product, question: str, lines: list[str], most: int = 2) -> list[str]:
    """The record's lines that measure the part a question names: "how long is the power cord"
    asks the cord's length ("Includes 5 foot power chord"), not the product's; "how high does
    the tripod go", the tripod's. A part is a word of the question that is neither the product's
    name, nor a word asking the measure, nor a stop word; a line answers when it names the part
    (spelt alike: "cord", "chord") and states the measure (its label or a value in its unit)."""
    # "does it come with a bracket" names what the box should hold: `spec_text` says yes or no
    measures = [m for m in asked_measures(question, product) if m is not _CONTENTS]
    if not measures:
        return []
    text = without_name(question, product)
    for measure in measures:  # "long", "high", "power": they say what is measured, not of what
        text = measure.asks.sub(" ", text)
    parts = [w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _ASKING]
    if not parts:
        return []
    # sentence by sentence, shortest first: a feature line says it more plainly than a paragraph
    # (a unit's full stop ends no sentence: "220lb. weight capacity" is one line)
    sentences = dict.fromkeys(t.strip() for line in lines for t in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line)
                              if t.strip())
    # "how high is the seat": "Seat Height" before "Seat Depth", when the record has both
    sides = [side for word, side in _SIDES.items() if re.search(rf"\b{word}\b", question, re.I)]
    ranked = sorted(sentences, key=lambda t: (not any(side in t.lower() for side in sides), len(t)))
    found = [line for line in ranked
             if any(_alike(part, word) for part in parts for word in re.findall(r"[a-z]{4,}", line.lower()))
             and any(m.in_line(line) for m in measures)]
    if sided := [t for t in found if any(side in t.lower() for side in sides)]:
        found = sided  # the side asked, when the record states it of the part
    return found[:most]


#: Words that ask, not name a part ("does the tripod go", "how long would it be").
_ASKING = frozenset("does have with what which that this there tell about into onto from when will would "
                    "could should much many they them their your goes come comes please know".split())


#: The dimension a "how <adjective>" question asks.
_SIDES = {"high": "height", "tall": "height", "wide": "width", "long": "length", "deep": "depth",
          "thick": "thick", "heavy": "weight",
          # the dimension named ("the seat height"): "Seat Height" before "Seat Depth"
          "height": "height", "width": "width", "length": "length", "depth": "depth"}


def _alike(asked: str, written: str) -> bool:
    """Whether two words name the same thing: one stem, a plural, or one slip of spelling."""
    if asked[:5] == written[:5] and min(len(asked), len(written)) >= 5 or asked.rstrip("s") == written.rstrip("s"):
        return True
    return abs(len(asked) - len(written)) <= 1 and SequenceMatcher(None, asked, written).ratio() >= 0.85


def off_measure(line: str, question: str, product: Product | None = None) -> bool:
    """True when a line states another measure that holds the asked one's words ("220 lb
    weight capacity" to "how much does it weigh")."""
    return any(m.other(line) for m in asked_measures(question, product))


def measure_lines(product: Product, question: str, most: int = 2) -> list[str]:
    """The description's sentences that speak of a measure the question asks, by its label
    words or units ("... the low weight ...", "... for max. 4 persons ...")."""
    measures = asked_measures(question, product)
    if not measures:
        return []
    # a line of another measure goes whole: "150 kg. load capacity" weighs nothing
    lines = [line for line in (product.description or "").split("\n") if not any(m.other(line) for m in measures)]
    # a sentence starts with a capital: "150 kg. load capacity" is one
    sentences = [t.strip() for line in lines for t in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line) if t.strip()]
    found = [t for t in sentences if any(m.in_line(t) for m in measures)]
    return found[:most]


_COME_WITH = re.compile(r"\b(?:come|comes|came|ship|ships|supplied|packaged) with (?:an? |the |any |some )?"
                        r"([a-z][a-z -]{2,30}?)(?:\?|$|\.|,| and | or )")
_ARTICLES = frozenset("a an the any some it this that one".split())
_INCLUDED = re.compile(r"\b(?:includ\w*|comes? with|supplied with|in the box|packaged with)\b", re.I)
_NOT_INCLUDED = re.compile(r"\bnot included\b|\bsold separately\b|\bincluded: no\b", re.I)


def _item(question: str, product: Product) -> str:
    """What "does it come with X" asks the box to hold, without the product's own name words."""
    # without the name as said ("come with the filing cabinet"), but a name word asked apart
    # stays: "does the balloon chair come with the balloon" asks for the balloon
    asked = _COME_WITH.search(without_name(question, product).lower() + "?")
    return " ".join(w for w in asked.group(1).split() if w not in _ARTICLES) if asked else ""


def asked_item(question: str, product: Product) -> list[str]:
    """The stems of what "does it come with X" asks about ("batteries" -> "batte")."""
    return [w.rstrip("s")[:5] for w in _item(question, product).split() if len(w) > 2]


def included_lines(product: Product, question: str, lines: list[str], most: int = 2) -> tuple[list[str], bool]:
    """The record's lines saying whether what "does it come with X" asks is included ("Can be
    battery operated (includes 2 AAA batteries)"), and whether one says it is not."""
    stems = asked_item(question, product)
    found = [line for line in lines if stems and _INCLUDED.search(line)
             and all(st in line.lower() for st in stems)] if stems else []
    # the shortest say it: a spec line ("Includes: power adapter") or one sentence, not the
    # whole paragraph the sentence stands in; kept in the record's order
    shortest = sorted(found, key=len)[:most]
    found = [line for line in found if line in shortest]
    return found, any(_NOT_INCLUDED.search(line) for line in found)


def item_lines(product: Product, question: str, lines: list[str], most: int = 2) -> list[str]:
    """The record's sentences that name what "does it come with X" asks, when no box line lists
    what it holds ("featuring an extremely spherical pink balloon"): said as they are, shortest
    first, never taken for a yes or a no."""
    stems = asked_item(question, product)
    if not stems or any(_CONTENTS.states(s.label) for s in specs(product)):
        return []
    found = sorted((line for line in lines if all(st in line.lower() for st in stems)), key=len)[:most]
    return [line for line in lines if line in found]


def spec_text(product: Product, found: list[Spec], question: str) -> str:
    """The answer to a question from the specs that answer it: each spec as the record states
    it; for "does it come with X", whether X is among what the box holds."""
    parts = [f"{s.label}: {s.value}" for s in found if s.label != "Name"]
    text = f"The {product.name}: " + "; ".join(parts) + "." if parts else ""
    if any(s.label == "Name" for s in found):
        text = f"{text} Its name says it: {product.name}.".strip()
    stems = asked_item(question, product)
    boxes = [s for s in found if _CONTENTS.labels.search(s.label)]
    if stems and boxes:
        if any(all(st in b.value.lower() for st in stems) for b in boxes):
            return f"Yes. {text}"
        return f"{text} I don't see {_item(question, product)} listed in the box."
    return text


# words too common to be read as a capitalised short word of a record ("is it ok", "can i")
_ACRONYM_STOP = frozenset("a an the is it its to in on of or and do does can for are was has had how who why you yes no ok im my me we be by at as if so not any get one out new old".split())


def acronyms(question: str, product: Product) -> list[re.Pattern]:
    """The short words of a question (2-3 letters or digits: "vr", "4k", "usb") that a line of
    the record writes in capitals as a word of its own ("VR ready", "4K quality"): too short to
    be read as stems, and in lower case too common ("use", "red") to be matched as they are."""
    name = set(re.findall(r"[a-z0-9]+", product.name.lower()))
    short = {w for w in re.findall(r"\b[a-z0-9]{2,3}\b", question.lower())
             if re.search(r"[a-z]", w) and w not in _ACRONYM_STOP and w not in name}
    return [re.compile(rf"\b{re.escape(w.upper())}\b") for w in sorted(short)]
