#!/bin/sh
# End-to-end: hostile content builds into an inert site.  The fixture
# tests/fixtures/e2e-safety puts <script>, event handlers, quotes and & in
# every text field, raw HTML in every Markdown body, and links and images
# with javascript:, vbscript:, data:, entity-encoded and protocol-relative
# targets next to ordinary relative, http(s) and mailto ones.  All data is
# fictional (示例市).
set -u
T=build_safety
FIXTURE=tests/fixtures/e2e-safety

. tests/fixtures/e2e-lib.sh

# expect DESC FILE [+|-]FRAGMENT...: "+x" must occur in FILE, "-x" not.
expect() { page_expect "$@"; }
# none DESC FILE...: FILE holds the offending lines found; empty is good.
none() {
	if [ -s "$2" ]; then fail "$1" "$(cat "$2")"; else ok "$1"; fi
}

"$GONGKAI" build --content "$FIXTURE" --out "$out" >"$tmp/stdout" \
    2>"$tmp/stderr"
rc=$?
if [ $rc -eq 0 ] && [ -f "$out/index.html" ] && [ ! -s "$tmp/stderr" ]; then
	ok "hostile content builds, nothing on stderr"
else
	fail "hostile content builds, nothing on stderr" "exit status $rc" \
	    "$(cat "$tmp/stderr")"
	[ -f "$out/index.html" ] || exit 1
fi
(cd "$out" && find . -name '*.html' | sed 's|^\./||' | sort) >"$tmp/pages"
in_pages() {	# in_pages GREP-ARGS...: matching lines of all pages, named
	(cd "$out" && grep -n "$@" $(cat "$tmp/pages")) 2>/dev/null
}

# ---------------------------------------------------------------- markup

in_pages -i '<script' >"$tmp/x"
none "no <script> in any page" "$tmp/x"
(cd "$out" && grep -rli '<script' . | grep -v '\.html$') >"$tmp/x"
none "no <script> in any other output file (data/, sitemap.xml)" "$tmp/x"
# Tags with their quoted attribute values blanked, then attribute names.
(cd "$out" && awk '{
	line = $0
	while (match(line, /<[a-zA-Z][^>]*>/)) {
		tag = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
		bare = tag; gsub(/"[^"]*"/, "\"\"", bare); gsub(/'\''[^'\'']*'\''/, "\"\"", bare)
		if (tolower(bare) ~ /[[:space:]\/"]on[a-z]+[[:space:]]*=/) print FILENAME ": " tag
	}
}' $(cat "$tmp/pages")) >"$tmp/x"
none "no on…= event handler attribute in any tag" "$tmp/x"
in_pages -Eio '<(iframe|frame|frameset|object|embed|applet|form|input|button|textarea|select|base|style|math|template|noscript|marquee)[[:space:]/>]' >"$tmp/x"
none "no active or embedding element (iframe, object, embed, form, base, style …)" "$tmp/x"
in_pages -Eio '<meta[^>]*http-equiv[^>]*>|<link[^>]*rel="(import|preload|prefetch|manifest)"[^>]*>' >"$tmp/x"
none "no <meta http-equiv> or importing <link>" "$tmp/x"
in_pages -Eo '<(b|i|svg onload|img src=x)[[:space:]>]' >"$tmp/x"
none "the tags written in text fields are not markup (<b>, <i>, <svg onload>, <img src=x>)" "$tmp/x"

# ---------------------------------------------------------------- URLs

# Every href/src/action/formaction/poster value, entities decoded and ASCII
# whitespace and controls removed as browsers do: a scheme must be http,
# https or mailto (and no src may be absolute, or protocol-relative).
(cd "$out" && LC_ALL=C awk '
function decent(s,   r, m, code, name) {
	r = ""
	while (match(s, /&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);?/)) {
		m = substr(s, RSTART, RLENGTH); r = r substr(s, 1, RSTART - 1)
		s = substr(s, RSTART + RLENGTH)
		name = m; sub(/^&/, "", name); sub(/;$/, "", name)
		if (name ~ /^#[xX]/) code = hex(substr(name, 3))
		else if (name ~ /^#/) code = substr(name, 2) + 0
		else if (name in named) { r = r named[name]; continue }
		else { r = r m; continue }
		r = r (code < 256 ? sprintf("%c", code) : "?")
	}
	return r s
}
function hex(h,   v, i) {
	v = 0; h = toupper(h)
	for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789ABCDEF", substr(h, i, 1)) - 1
	return v
}
BEGIN {
	named["amp"] = "&"; named["colon"] = ":"; named["Tab"] = "\t"
	named["NewLine"] = "\n"; named["quot"] = "\""; named["apos"] = "'\''"
	named["lpar"] = "("; named["rpar"] = ")"; named["sol"] = "/"
}
{
	line = $0
	while (match(line, /[[:space:]](href|src|action|formaction|poster|srcset|xlink:href)[[:space:]]*=[[:space:]]*("[^"]*"|'\''[^'\'']*'\''|[^[:space:]>]+)/)) {
		a = substr(line, RSTART + 1, RLENGTH - 1); line = substr(line, RSTART + RLENGTH)
		attr = a; sub(/[[:space:]]*=.*/, "", attr)
		v = a; sub(/^[^=]*=[[:space:]]*/, "", v); sub(/^["'\'']/, "", v); sub(/["'\'']$/, "", v)
		d = tolower(decent(v)); gsub(/[\001-\040\177]/, "", d)
		if (d ~ /^[a-z][a-z0-9+.-]*:/ && d !~ /^(https?|mailto):/)
			print FILENAME ": " attr "=\"" v "\" (scheme)"
		else if (attr != "href" && d ~ /^(https?:|\/\/|\\\\|\/\\|\\\/)/)
			print FILENAME ": " attr "=\"" v "\" (loads from another site)"
	}
}' $(cat "$tmp/pages")) >"$tmp/x"
none "no javascript:, vbscript:, data: (however encoded) in any href/src; no src from elsewhere" "$tmp/x"
in_pages -Eio '(href|src)="[^"]*(javascript|vbscript|data):[^"]*"' | grep -v '%' >"$tmp/x"
none "no href/src with a dangerous scheme, plainly" "$tmp/x"

T1=plans/evil/tasks/01.html
expect "disallowed links keep their text, lose their target" $T1 \
    '+>L-js</a>' '+>L-JS</a>' '+>L-mixed</a>' '+>L-vb</a>' \
    '+>L-data-html</a>' '+>L-data-svg</a>' '+>L-ent-dec</a>' \
    '+>L-ent-hex</a>' '+>L-colon</a>' '+>R-js' '-alert(11)' '-alert(12)' \
    '-alert(17)' '-alert(18)' '-PHNjcmlwdD5'
expect "allowed links survive: relative (prefixed), fragment, http, https, mailto, autolinks" \
    $T1 '+<a href="../files/doc.txt">A-rel</a>' \
    '+<a href="#reports-heading">A-frag</a>' \
    '+<a href="http://example.com/a?b=1&amp;c=2">A-http</a>' \
    '+<a href="https://example.com/">A-https</a>' \
    '+<a href="mailto:someone@example.com">A-mail</a>' \
    '+<a href="https://example.com/auto">' \
    '+<a href="http://www.example.com/www">' \
    '+<a href="../files/doc.txt">R-rel</a>'
expect "a link title stays inside its attribute" $T1 \
    '+<a href="https://example.com/t" title="x&quot; onmouseover=&quot;alert(23)">L-title</a>'
expect "relative links in the plan body are relative to the plan" \
    plans/evil/index.html '+<a href="files/doc.txt">plan relative</a>' \
    '+>plan js</a>'
expect "images from other sites become plain links to them" $T1 \
    '+<a href="http://evil.example/track.png">I-http</a>' \
    '+<a href="https://evil.example/track2.png">I-https</a>' \
    '+<a href="http://evil.example/r.png">R-img</a>' \
    '-<img src="http' '-<img src="//'
expect "a protocol-relative image (//host/…) is not loaded" $T1 \
    '+I-proto' '-src="//evil.example'
expect "a relative image stays an image" $T1 \
    '+<img src="../files/doc.txt" alt="I-rel"'
in_pages -Eio '<img[^>]*src="[^"]*"' | grep -Ev 'src="(\.\./)*[a-zA-Z0-9_%][^":]*"|src=""' >"$tmp/x"
none "every <img> of every page loads a file of the site (or nothing)" "$tmp/x"

# ---------------------------------------------------------------- text fields

esc1='示例方案&lt;script&gt;alert(1)&lt;/script&gt;&quot;引号&quot;&amp;'
expect "plan title escaped in <h1> and <title>" plans/evil/index.html \
    "+<h1>$esc1" "+<title>$esc1"
expect "plan title escaped on the home page" index.html "+>$esc1"
expect "a mustache tag in content is text, not a template" plans/evil/index.html \
    '+单引号&#39;{{site.title}}</h1>'
expect "site title and footer escaped on every page (home)" index.html \
    '+示例市&lt;script&gt;alert(&#39;site&#39;)&lt;/script&gt; &amp; &quot;公开&quot;' \
    '+<p>&lt;a href=&quot;javascript:alert(&#39;footer&#39;)&quot;&gt;示例页脚&lt;/a&gt; &amp; &#39;quote&#39; &quot;dq&quot;</p>'
expect "region, issuer, 文号, section, indicator name/unit/deadline escaped" \
    plans/evil/index.html \
    '+示例市&lt;img src=x onerror=alert(2)&gt;' \
    '+示例机关&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;' \
    '+示例〔2025〕&lt;b&gt;1&lt;/b&gt;号 &amp; &quot;x&quot;' \
    '+一、&lt;iframe src=&quot;https://evil.example/&quot;&gt;&lt;/iframe&gt;章节 &amp; &quot;引号&quot;' \
    '+示例指标&lt;svg onload=alert(4)&gt;&quot;&amp;' \
    '+10&lt;i&gt;个&lt;/i&gt;' '+&lt;script&gt;alert(5)&lt;/script&gt;年底'
expect "task title, units, units_text, deadline_text, reporter escaped" $T1 \
    '+示例任务&lt;script&gt;alert(6)&lt;/script&gt;&quot;引号&quot;&amp;' \
    '+示例单位&lt;img src=x onerror=alert(7)&gt;</a>' \
    '+牵头&amp;&quot;单位&quot;' \
    '+配合单位&quot;&gt;&lt;script&gt;alert(8)&lt;/script&gt;</a>' \
    '+原文&lt;script&gt;alert(9)&lt;/script&gt;单位 &amp; &quot;x&quot;' \
    '+&lt;b onmouseover=alert(10)&gt;2026年&lt;/b&gt;' \
    '+报告单位&quot;&gt;&lt;script&gt;alert(31)&lt;/script&gt;&amp;'
expect "unit names escaped on the units index" units/index.html \
    '+示例单位&lt;img src=x onerror=alert(7)&gt;' \
    '+配合单位&quot;&gt;&lt;script&gt;alert(8)&lt;/script&gt;'
expect "raw HTML in Markdown is dropped, its text kept inert" $T1 \
    "-alert('raw')" "-alert('img')" "-alert('svg')" '-evil.example/frame' \
    '+<del>删除</del>' '+<table>'
expect "raw HTML in plan and report bodies is dropped" plans/evil/index.html \
    "-alert('plan raw')" "-alert(&#39;plan raw&#39;)"
expect "raw HTML in report bodies is dropped" $T1 \
    "-alert('report raw')" "-alert(&#39;report raw&#39;)"

# ---------------------------------------------------------------- data

if command -v jq >/dev/null 2>&1; then
	got=$(jq -r '.title, .lead[1], .reports[0].reporter' \
	    "$out/data/plans/evil/tasks/01.json" 2>&1)
	want=$(printf '%s\n' "示例任务<script>alert(6)</script>\"引号\"&'单引号'" \
	    "牵头&\"单位\"'" "报告单位\"><script>alert(31)</script>&'")
	if [ "$got" = "$want" ]; then
		ok "data/*.json keeps the text exactly (it is data, not HTML)"
	else
		fail "data/*.json keeps the text exactly (it is data, not HTML)" \
		    "got: $got" "want: $want"
	fi
else
	echo "skip - $T: data/*.json keeps the text exactly: jq is not installed"
fi
expect "data/*.json escapes < so it cannot close a script element" \
    data/plans/evil/tasks/01.json '-<script' '-</script' '+\u003cscript>'

[ $failures -eq 0 ]
