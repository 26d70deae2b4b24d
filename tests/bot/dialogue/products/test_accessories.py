"""What goes with a product when the store lists no links: read from what the descriptions say
they are for."""

from __future__ import annotations

from bot.dialogue.products import accessories
from kb import Product

PRINTER = Product("PR-1", "Quickslip 58 mm Label Printer", "Thermal label printer.", 150.0,
                  categories=("Shop/Printers",))
LABELS = Product("LB-1", "Sticky Labels (roll of 500)", "Paper labels for 58 mm label printers.", 9.0,
                 categories=("Shop/Supplies",))
STAND = Product("ST-1", "Swivel Stand", "A stand that holds one label printer at the till.", 30.0,
                categories=("Shop/Supplies",))
OTHER = Product("PR-2", "Desk Label Printer Pro", "A label printer for offices.", 220.0,
                categories=("Shop/Printers",))
MUG = Product("MG-1", "Team Mug", "A mug.", 8.0, categories=("Shop/Gifts",))


def test_products_whose_details_name_its_kind_go_with_it():
    found = accessories.accessories([PRINTER, LABELS, STAND, OTHER, MUG], PRINTER)
    # the other label printer is the same kind, the mug is for nothing named
    assert [p.sku for p, _ in found] == ["LB-1", "ST-1"]
    assert all("label printer" in reason for _, reason in found)


def test_and_the_other_way_round():
    found = accessories.accessories([PRINTER, LABELS, MUG], LABELS)
    assert [p.sku for p, _ in found] == ["PR-1"]
    assert accessories.accessories([PRINTER, LABELS, MUG], MUG) == []
