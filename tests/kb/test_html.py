from kb.html import html_sections, html_to_text


def test_tags_stripped_entities_decoded_and_lists_kept_on_lines():
    text = html_to_text("<p>Warm &amp; dry&trade;<br/>Machine wash.</p><ul><li>One</li><li>Two</li></ul>")
    assert text == "Warm & dry\u2122\nMachine wash.\n- One\n- Two"


def test_links_keep_their_target_but_not_page_anchors_or_template_directives():
    text = html_to_text('<p>See <a href="/returns">returns</a>, <a href="#top">top</a> and '
                        '<a href="{{store url="contact"}}">Contact Us</a>.</p>')
    assert text == "See returns (/returns), top and Contact Us."


def test_sections_follow_heading_nesting():
    sections = html_sections("<h2>Returns</h2><p>30 days.</p><h3>Gifts</h3><p>Gift card.</p>"
                             "<h2>Shipping</h2><p>Weekdays.</p>")
    assert [(s.path, s.text) for s in sections] == [
        (("Returns",), "30 days."), (("Returns", "Gifts"), "Gift card."),
        (("Shipping",), "Weekdays.")]


def test_table_rows_become_lines_labelled_by_column_header():
    markup = ("<h2>Rates</h2><table><caption>Price list</caption><thead><tr><th>Total</th>"
              "<th>STANDARD<br/>5 days</th><th>OVERNIGHT</th></tr></thead><tbody>"
              "<tr><th>Up to $200</th><td>$16</td><td>$33</td></tr></tbody></table><p>After.</p>")
    sections = html_sections(markup)
    assert sections[0].path == ("Rates", "Price list")
    assert sections[0].text == "Up to $200: STANDARD 5 days $16; OVERNIGHT $33"
    assert sections[1] .path == ("Rates",) and sections[1].text == "After."


def test_scripts_and_empty_markup_give_no_text():
    assert html_to_text("<script>alert(1)</script><style>p{}</style>") == ""
    assert html_sections("") == []


def test_html_title_prefers_title_then_h1():
    from kb.html import html_title

    page = ("<html><head><title> Returns &amp; Refunds </title></head>"
            "<body><h2>Overview</h2><h1>Ignored</h1></body></html>")
    assert html_title(page) == "Returns & Refunds"
    assert html_title("<h2>Overview</h2><h1>Warranty</h1><h1>Second</h1>") == "Warranty"
    assert html_title("<h2>Overview</h2><p>text</p>") is None
