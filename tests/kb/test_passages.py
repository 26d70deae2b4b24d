import pytest

from kb.html import Section
from kb.passages import MAX_PASSAGE_CHARS, article_from_html, article_from_text, build_article, slugify


def test_slugify_is_ascii_and_stable():
    assert slugify("Returns & Refunds — Café") == "returns-refunds-cafe"
    assert slugify("!!!") == "untitled"


def test_passage_ids_count_from_one_under_the_article():
    article = build_article("returns", "policy", "Returns",
                            [Section((), "A" * 200), Section(("Gifts",), "B" * 200)])
    assert [p.id for p in article.passages] == ["policy:returns#1", "policy:returns#2"]
    assert article.passages[1].section == ("Gifts",)


def test_long_sections_are_cut_at_lines_and_none_exceeds_the_limit():
    text = "\n".join(f"Sentence number {i} of a long policy section." for i in range(200))
    article = build_article("long", "policy", "Long", [Section((), text)])
    assert len(article.passages) > 1
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in article.passages)
    assert "\n".join(p.text for p in article.passages) == text


def test_a_single_overlong_line_is_cut_at_sentence_ends():
    line = " ".join(f"Sentence {i} is here." for i in range(300))
    article = build_article("one", "faq", "One", [Section((), line)])
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in article.passages)
    assert all(p.text.endswith(".") for p in article.passages)


def test_tiny_leftovers_join_the_passage_before():
    article = build_article("t", "policy", "T", [Section(("Rates",), "X" * 300),
                                                 Section((), "*before tax")])
    assert len(article.passages) == 1
    assert article.passages[0].text.endswith("*before tax")


def test_markdown_headings_start_sections():
    article = article_from_text("faq", "faq", "FAQ", "# FAQ\n\n## Shipping\nWe ship " + "x" * 150 +
                                "\n## Returns\nThirty days " + "y" * 150)
    assert [p.section for p in article.passages] == [("FAQ", "Shipping"), ("FAQ", "Returns")]


def test_a_hard_wrapped_markdown_paragraph_is_read_as_one_line():
    text = ("## Signature on delivery\n\n"
            "Orders over $500 need a signature on delivery. If nobody is home to sign, the driver leaves a\n"
            "card and takes the parcel to your nearest post office, where you can collect it with ID.\n"
            "We do not deliver to PO Boxes, and we do not ship to any address outside the\n"
            "country.\n\n"
            "Accepted cards:\n"
            "- Visa, Mastercard and American Express, and payment by bank transfer for orders\n"
            "  above the usual limit\n"
            "- PayPal\n"
            "Monday 9-5\n"
            "Tuesday 9-5\n")
    body = article_from_text("shipping", "policy", "Shipping", text).passages[0].text
    assert body.split("\n") == [
        "Orders over $500 need a signature on delivery. If nobody is home to sign, the driver leaves "
        "a card and takes the parcel to your nearest post office, where you can collect it with ID.",
        "We do not deliver to PO Boxes, and we do not ship to any address outside the country.",
        "Accepted cards:",  # a lead-in, the list items and short lines keep their lines
        "- Visa, Mastercard and American Express, and payment by bank transfer for orders above the "
        "usual limit",
        "- PayPal", "Monday 9-5", "Tuesday 9-5"]


def test_unknown_type_and_empty_article_are_refused():
    with pytest.raises(ValueError, match="unknown article type"):
        build_article("x", "blog", "X", [Section((), "text")])
    with pytest.raises(ValueError, match="no text"):
        build_article("x", "faq", "X", [])


def test_a_short_section_keeps_its_heading_when_it_joins_the_one_before():
    article = article_from_text(
        "payment", "faq", "Payment",
        "# Payment\n" + "We accept the cards below at checkout and in our stores. " * 3 +
        "\n## Using Visa/Mastercard/Paypal\nNo fee.\n## Gift cards\nNever expire.\n")
    [passage] = article.passages
    assert passage.section == ("Payment",)
    assert passage.text.splitlines()[-4:] == ["Using Visa/Mastercard/Paypal", "No fee.",
                                              "Gift cards", "Never expire."]


def test_a_short_section_under_the_same_heading_adds_no_heading_line():
    article = build_article("t", "policy", "T", [Section(("Rates",), "X" * 300),
                                                 Section(("Rates",), "*before tax")])
    assert article.passages[0].text == "X" * 300 + "\n*before tax"


def test_a_fragment_under_a_heading_is_read_as_the_headings_statement():
    article = article_from_html("secure", "policy", "Secure payment",
                                "<h2>Secure payment</h2><h3>Our secure payment</h3><p>With SSL</p>"
                                "<h3>Using Visa/Mastercard/Paypal</h3><p>About this services</p>")
    [passage] = article.passages
    assert passage.text == "Our secure payment: With SSL\nUsing Visa/Mastercard/Paypal: About this services"
    # a sentence keeps its heading on a line of its own
    article = article_from_text("p", "faq", "P", "# Payment\n" + "We accept cards. " * 10 +
                                "\n## Using Visa/Mastercard/Paypal\nNo fee.\n")
    assert article.passages[0].text.splitlines()[-2:] == ["Using Visa/Mastercard/Paypal", "No fee."]


def test_a_list_cut_in_two_keeps_its_lead_in():
    items = "\n".join(f"- Item number {n} with a long description of what it is" for n in range(30))
    article = build_article("t", "policy", "T", [Section(("Refunds",), "Only partial refunds are granted:\n" + items)])
    assert len(article.passages) > 1
    assert all(p.text.startswith("Only partial refunds are granted:\n- Item") for p in article.passages)


def test_an_faqs_bold_question_lines_head_their_answers():
    # an FAQ of "**question?**" lines, each over its answer: one section per question, as
    # "## question?" headings give, not one passage of every question on the page
    text = ("# Good to know\n\n**Do you rent tools?**\nNo. We only sell tools, new, with a receipt for "
            "each one and the maker's manual in the box, and we never hire them out.\n\n"
            "**Can you cut keys?**\nYes, house and padlock keys are cut at the counter while you wait, "
            "for a small charge per key, but never car keys with chips in them.\n")
    passages = article_from_text("help", "faq", "Good to know", text).passages
    assert [p.section for p in passages] == [("Good to know", "Do you rent tools?"),
                                             ("Good to know", "Can you cut keys?")]
    assert passages[0].text.startswith("No. We only sell tools") and "keys" not in passages[0].text
    # a bold line that asks nothing is text, not a heading
    plain = article_from_text("p", "policy", "P", "# Returns\n\n**Power tools** come back within 30 days.\n")
    assert plain.passages[0].section == ("Returns",)


def test_a_plain_text_faqs_q_and_a_lines_are_its_questions_and_answers():
    # a .txt FAQ of "Q: ...?" over "A: ..." lines: each pair is its own section, headed by its
    # question, and the answer reads without its "A:" marker
    text = ("Frequently asked questions\n\n"
            "Q: Can you print my own photo or another painting?\n"
            "A: No, we only print the works in our shop. We add a few new works every season, "
            "chosen by the studio, and we never print a shopper's own pictures.\n\n"
            "Question: How do I pay?\n"
            "Answer: Visa, Mastercard and Swish. We don't take cash on delivery or cheques, and "
            "we don't send invoices to private shoppers either.\n")
    passages = article_from_text("questions", "faq", "FAQ", text).passages
    assert [p.section for p in passages] == [
        ("Frequently asked questions", "Can you print my own photo or another painting?"),
        ("Frequently asked questions", "How do I pay?")]  # the opening line is the title
    assert passages[0].text.startswith("No, we only print") and "cash" not in passages[0].text
    assert passages[1].text.startswith("Visa, Mastercard")
    # "A:" is kept where no "Q:" line stands over it
    kept = article_from_text("p", "policy", "P", "# Grades\n\nA: best condition, like new, "
                                                 "with its box, manual and every accessory.\n")
    assert kept.passages[0].text.startswith("A: best condition")
