"""The server-painted copy of a page: plain HTML from the Dash component tree, escaped."""

from __future__ import annotations

from dash import dcc, html

from cockpit.ui.ssr import to_html


def test_text_and_attributes_are_escaped():
    page = to_html(html.Span('<script>x</script> & "y"', title='a"b', className="c"))
    assert (
        page == '<span class="c" title="a&quot;b">&lt;script&gt;x&lt;/script&gt; &amp; "y"</span>'
    )


def test_links_become_anchors_and_state_components_vanish():
    tree = html.Div(
        [
            dcc.Link("Activité", href="/activite?p=ytd&e=1", className="seg"),
            dcc.Location(id="url"),
            dcc.Download(id="download"),
        ]
    )
    assert to_html(tree) == '<div><a href="/activite?p=ytd&amp;e=1" class="seg">Activité</a></div>'


def test_a_graph_leaves_a_placeholder_of_its_size():
    graph = dcc.Graph(id="chart", figure={}, className="chart", style={"height": "280px"})
    assert to_html(graph) == '<div class="chart ssr-graph" style="height:280px"></div>'


def test_ids_stay_with_the_live_tree_except_anchors():
    tree = html.Div([html.Main("x", id="page"), html.Button("Export", id="export-csv")], id="root")
    assert to_html(tree) == '<div><main id="page">x</main><button>Export</button></div>'


def test_data_and_aria_attributes_and_void_tags():
    tree = html.Div(
        [html.Img(src="data:image/svg+xml,%3Csvg%3E", alt="", width=10)],
        **{"data-metric": "alos", "aria-label": "Durée"},
    )
    assert to_html(tree) == (
        '<div aria-label="Durée" data-metric="alos">'
        '<img alt="" src="data:image/svg+xml,%3Csvg%3E" width="10"></div>'
    )


def test_islands_keep_the_same_html_and_only_live_components():
    from cockpit.ui.components.raw_html import RawHtml, islands

    tree = html.Div(
        [
            html.Main(
                [
                    html.H1("Entrées"),
                    dcc.Link(html.Span("7 296", className="card-value"), href="/a?b=1&c=2"),
                    html.Section([html.H2("Évolution"), dcc.Graph(id="chart", figure={})]),
                    html.Button("Exporter CSV", id="export-csv"),
                ],
                id="page",
            )
        ],
        className="frame",
    )
    painted = to_html(tree)
    live = islands(tree)
    assert to_html(live) == painted
    main = live.children[0]
    kinds = [type(child).__name__ for child in main.children]
    assert kinds == ["RawHtml", "RawHtml", "Section", "Button"]
    assert main.children[1].attributes == {"href": "/a?b=1&c=2"}
    static = islands(html.Div([html.P("a"), html.P("b")], className="x"))
    assert isinstance(static, RawHtml) and static.html == "<p>a</p><p>b</p>"
