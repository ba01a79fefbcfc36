/*
 * Unit tests of Markdown rendering: the GFM extensions we enable, raw HTML
 * left out, the link policy (dangerous schemes emptied however they are
 * spelled, relative targets prefixed, images from elsewhere turned into
 * links) and invalid UTF-8 replaced.
 */
#include <string.h>

#include "base/arena.h"
#include "base/utf8.h"
#include "render/markdown.h"
#include "testlib.h"

static const char *
md(struct arena *arena, const char *text, const char *prefix)
{
	return markdown_render(arena, text, strlen(text), prefix);
}

static void
test_url_allowed(void)
{
	static const char *const allowed[] = {
		"http://example.org", "https://example.org/a?b#c",
		"HTTPS://EXAMPLE.ORG", "Http://x", "mailto:a@b.org",
		"MailTo:a@b.org", "page.html", "dir/page.html", "../up.html",
		"/abs/path", "//example.org/x", "#frag", "?q=1", "",
		"a/b:c", "名称.html", " javascript:alert(1)",
	};
	static const char *const refused[] = {
		"javascript:alert(1)", "JavaScript:alert(1)",
		"JAVASCRIPT:alert(1)", "vbscript:msgbox(1)", "VBScript:x",
		"data:text/html,<script>", "data:image/png;base64,AAAA",
		"file:///etc/passwd", "ftp://example.org", "tel:123",
		"about:blank", "x:y", "a+b-c.d:rest", "https+x:y",
	};
	size_t i;

	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		CHECK(markdown_url_allowed(allowed[i]) == 1,
		    "markdown_url_allowed: '%s' allowed", allowed[i]);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		CHECK(markdown_url_allowed(refused[i]) == 0,
		    "markdown_url_allowed: '%s' refused", refused[i]);
}

static void
test_extensions(struct arena *arena)
{
	CHECK_STR(md(arena, "", ""), "", "markdown: empty text");
	CHECK_STR(md(arena, "# 标题\n\nHello *world*\n", ""),
	    "<h1>标题</h1>\n<p>Hello <em>world</em></p>\n", "markdown: "
	    "heading and emphasis");
	CHECK_STR(markdown_render(arena, "abc*def*", 3, ""), "<p>abc</p>\n",
	    "markdown: only `len` bytes are read");
	CHECK_STR(md(arena, "| a | b |\n|---|:-:|\n| 1 | 2 |\n", ""),
	    "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"center\">b</th>\n"
	    "</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n"
	    "<td align=\"center\">2</td>\n</tr>\n</tbody>\n</table>\n",
	    "markdown: a table");
	CHECK_STR(md(arena, "~~gone~~ ~one~", ""),
	    "<p><del>gone</del> <del>one</del></p>\n",
	    "markdown: strikethrough");
	CHECK_STR(md(arena, "see https://example.org/x?y=1. and "
	    "www.example.com and a@b.org", ""),
	    "<p>see <a href=\"https://example.org/x?y=1\">"
	    "https://example.org/x?y=1</a>. and "
	    "<a href=\"http://www.example.com\">www.example.com</a> and "
	    "<a href=\"mailto:a@b.org\">a@b.org</a></p>\n",
	    "markdown: autolinks (URL, www., e-mail)");
	CHECK_STR(md(arena, "<https://example.org>", "../"),
	    "<p><a href=\"https://example.org\">https://example.org</a></p>\n",
	    "markdown: an angle-bracket autolink is kept");
	CHECK_STR(md(arena, "`<script>`", ""),
	    "<p><code>&lt;script&gt;</code></p>\n", "markdown: code is "
	    "escaped");
}

static void
test_raw_html(struct arena *arena)
{
	const char *out;

	CHECK_STR(md(arena, "<script>alert(1)</script>\n\npara\n", ""),
	    "<!-- raw HTML omitted -->\n<p>para</p>\n", "markdown: a raw "
	    "HTML block is omitted");
	CHECK_STR(md(arena, "a <b onclick=\"x()\">b</b> <!-- c -->", ""),
	    "<p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --> "
	    "<!-- raw HTML omitted --></p>\n", "markdown: inline raw HTML "
	    "is omitted");
	out = md(arena, "<div>\n<img src=x onerror=alert(1)>\n</div>\n\n"
	    "<iframe src=\"https://e.org\"></iframe>\n", "");
	CHECK(out != NULL && strstr(out, "<img") == NULL &&
	    strstr(out, "onerror") == NULL && strstr(out, "<iframe") == NULL &&
	    strstr(out, "<div") == NULL, "markdown: no tag of raw HTML "
	    "survives");
}

static void
test_dangerous_links(struct arena *arena)
{
	static const char *const links[] = {
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](&#106;avascript:alert(1))",
		"[x](&#x6A;avascript:alert(1))",
		"[x](javascript&#58;alert(1))",
		"[x](&#x4A;AVASCRIPT&colon;alert(1))",
		"[x](vbscript:msgbox(1))",
		"[x](VbScRiPt:msgbox(1))",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		"[x](DATA:text/html,x)",
		"[x](<javascript:alert(1)>)",
		"[x](javascript:alert(1) \"title\")",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"[x][r]\n\n[r]: &#106;avascript:alert(1)",
	};
	size_t i;

	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		const char *out = md(arena, links[i], "../");

		int emptied = out != NULL &&
		    (strcmp(out, "<p><a href=\"\">x</a></p>\n") == 0 ||
		    strcmp(out, "<p><a href=\"\" title=\"title\">x</a></p>\n")
		    == 0);

		CHECK(emptied, "markdown: dangerous link %zu is emptied", i);
		if (!emptied)
			printf("#   input: [%s]\n#   got: [%s]\n", links[i],
			    out ? out : "(null)");
	}
	CHECK_STR(md(arena, "<javascript:alert(1)>", ""),
	    "<p><a href=\"\">javascript:alert(1)</a></p>\n", "markdown: a "
	    "javascript: autolink is emptied");
	CHECK_STR(md(arena, "<VBSCRIPT:msgbox(1)>", "../"),
	    "<p><a href=\"\">VBSCRIPT:msgbox(1)</a></p>\n", "markdown: a "
	    "vbscript: autolink is emptied");

	/* Blanks inside or before the scheme make it a relative path. */
	CHECK_STR(md(arena, "[x](<java&#9;script:alert(1)>)", ""),
	    "<p><a href=\"java%09script:alert(1)\">x</a></p>\n", "markdown: "
	    "a tab in the scheme is percent-encoded");
	CHECK_STR(md(arena, "[x](<java&#9;script:alert(1)>)", "../"),
	    "<p><a href=\"../java%09script:alert(1)\">x</a></p>\n",
	    "markdown: and is a relative path with a prefix");
	CHECK_STR(md(arena, "[x](&#32;javascript:alert(1))", ""),
	    "<p><a href=\"%20javascript:alert(1)\">x</a></p>\n", "markdown: "
	    "a leading space is percent-encoded");
}

static void
test_relative_links(struct arena *arena)
{
	CHECK_STR(md(arena, "[a](notes.html) [b](/abs) [c](#f) [d](?q) "
	    "[e](mailto:a@b.org) [f](https://x.org) [g]() [h](sub/文件.pdf)",
	    "../../"),
	    "<p><a href=\"../../notes.html\">a</a> <a href=\"/abs\">b</a> "
	    "<a href=\"#f\">c</a> <a href=\"?q\">d</a> "
	    "<a href=\"mailto:a@b.org\">e</a> <a href=\"https://x.org\">f</a> "
	    "<a href=\"\">g</a> "
	    "<a href=\"../../sub/%E6%96%87%E4%BB%B6.pdf\">h</a></p>\n",
	    "markdown: only path-relative links get the prefix");
	CHECK_STR(md(arena, "[a](notes.html)", ""),
	    "<p><a href=\"notes.html\">a</a></p>\n", "markdown: an empty "
	    "prefix leaves relative links alone");
	CHECK_STR(md(arena, "[a][r]\n\n[r]: files/a.pdf \"PDF\"", "../"),
	    "<p><a href=\"../files/a.pdf\" title=\"PDF\">a</a></p>\n",
	    "markdown: reference links are prefixed too");
}

static void
test_images(struct arena *arena)
{
	CHECK_STR(md(arena, "![图](img/a.png)", "../"),
	    "<p><img src=\"../img/a.png\" alt=\"图\" /></p>\n", "markdown: a "
	    "relative image stays an image, prefixed");
	CHECK_STR(md(arena, "![i](/site/a.png)", "../"),
	    "<p><img src=\"/site/a.png\" alt=\"i\" /></p>\n", "markdown: a "
	    "site-absolute image stays an image");
	CHECK_STR(md(arena, "![i](https://e.org/a.png \"t\")", "../"),
	    "<p><a href=\"https://e.org/a.png\" title=\"t\">i</a></p>\n",
	    "markdown: an https image becomes a link to it, title kept");
	CHECK_STR(md(arena, "![*alt* text](http://e.org/a.png)", ""),
	    "<p><a href=\"http://e.org/a.png\"><em>alt</em> text</a></p>\n",
	    "markdown: an http image becomes a link, alt text as its text");
	CHECK_STR(md(arena, "![i](HTTPS://E.ORG/A.PNG)", ""),
	    "<p><a href=\"HTTPS://E.ORG/A.PNG\">i</a></p>\n",
	    "markdown: an upper-case scheme too");
	CHECK_STR(md(arena, "![i](//evil.example/x.png)", "../"),
	    "<p><a href=\"//evil.example/x.png\">i</a></p>\n",
	    "markdown: a protocol-relative image becomes a link");
	CHECK_STR(md(arena, "![i][r]\n\n[r]: https://e.org/r.png", ""),
	    "<p><a href=\"https://e.org/r.png\">i</a></p>\n", "markdown: a "
	    "reference image from elsewhere becomes a link");
	CHECK_STR(md(arena, "![i](data:image/png;base64,AAAA)", ""),
	    "<p><img src=\"\" alt=\"i\" /></p>\n", "markdown: a data: image "
	    "is emptied");
	CHECK_STR(md(arena, "![i](javascript:alert(1))", ""),
	    "<p><img src=\"\" alt=\"i\" /></p>\n", "markdown: a javascript: "
	    "image is emptied");
}

static void
check_replaced(struct arena *arena, const char *name, const char *text,
    size_t len, const char *want)
{
	const char *out = markdown_render(arena, text, len, "");
	size_t bad;

	CHECK_STR(out, want, "markdown: %s is replaced by U+FFFD", name);
	CHECK(out != NULL && utf8_validate(out, strlen(out), &bad),
	    "markdown: output for %s is valid UTF-8", name);
}

static void
test_invalid_utf8(struct arena *arena)
{
	check_replaced(arena, "an overlong (C0 80)", "a\xc0\x80z", 4,
	    "<p>a\xef\xbf\xbdz</p>\n");
	check_replaced(arena, "a surrogate (ED A0 80)", "s\xed\xa0\x80z", 5,
	    "<p>s\xef\xbf\xbdz</p>\n");
	check_replaced(arena, "U+110000 (F4 90 80 80)", "h\xf4\x90\x80\x80z",
	    6, "<p>h\xef\xbf\xbdz</p>\n");
	check_replaced(arena, "a truncated sequence (E5 90)", "t\xe5\x90", 3,
	    "<p>t\xef\xbf\xbd</p>\n");
	check_replaced(arena, "an FF byte", "x\xffy", 3,
	    "<p>x\xef\xbf\xbdy</p>\n");
	check_replaced(arena, "a NUL byte", "a\0b", 3,
	    "<p>a\xef\xbf\xbd" "b</p>\n");
	check_replaced(arena, "a bad byte in a link target",
	    "[x](a\xffz.html)", 13,
	    "<p><a href=\"a%EF%BF%BDz.html\">x</a></p>\n");
}

int
main(void)
{
	struct arena arena;

	arena_init(&arena);
	markdown_init();
	test_url_allowed();
	test_extensions(&arena);
	test_raw_html(&arena);
	test_dangerous_links(&arena);
	test_relative_links(&arena);
	test_images(&arena);
	test_invalid_utf8(&arena);
	arena_free(&arena);
	TEST_EXIT();
}
