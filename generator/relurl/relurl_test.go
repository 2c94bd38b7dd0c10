package relurl

import "testing"

func TestURL(t *testing.T) {
	for _, tc := range []struct {
		u, page, base, want string
	}{
		{"/", "/", "/", "index.html"},
		{"/a/", "/", "/", "a/index.html"},
		{"/a/c/", "/a/b/", "/", "../c/index.html"},
		{"/a/b/", "/a/b/", "/", "index.html"},
		{"/a/b/#steps", "/a/b/", "/", "index.html#steps"},
		{"/assets/style.1a2b.css", "/a/b/", "/", "../../assets/style.1a2b.css"},
		{"/search/?q=x", "/a/", "/", "../search/index.html?q=x"},
		{"/files/report.pdf", "/files/", "/", "report.pdf"},
		{"/", "/404.html", "/", "index.html"},
		{"/a/", "/old.html", "/", "a/index.html"},
		{"/docs/a/", "/docs/b/c/", "/docs/", "../../a/index.html"},
		{"/docs/", "/docs/", "/docs/", "index.html"},
		// Not URLs of the site: left alone.
		{"/other/", "/docs/a/", "/docs/", "/other/"},
		{"https://example.com/a/", "/a/", "/", "https://example.com/a/"},
		{"//cdn.example.com/x.js", "/a/", "/", "//cdn.example.com/x.js"},
		{"#top", "/a/", "/", "#top"},
		{"mailto:ops@example.com", "/a/", "/", "mailto:ops@example.com"},
	} {
		if got := URL(tc.u, tc.page, tc.base); got != tc.want {
			t.Errorf("URL(%q) on %s under %s = %q, want %q", tc.u, tc.page, tc.base, got, tc.want)
		}
	}
}

func TestRewrite(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"attributes",
			`<!DOCTYPE html><link rel="stylesheet" href="/assets/s.css"><a class=x href="/b/">B</a><img src='/b/i.png' alt="/not/a/url">`,
			`<!DOCTYPE html><link rel="stylesheet" href="../assets/s.css"><a class=x href="../b/index.html">B</a><img src='../b/i.png' alt="/not/a/url">`},
		{"unquoted and upper case",
			`<A HREF=/b/>B</A><form action=/search/ method=get>`,
			`<A HREF=../b/index.html>B</A><form action=../search/index.html method=get>`},
		{"srcset",
			`<img srcset="/i/a.png 1x, /i/b.png 2x" src="/i/a.png">`,
			`<img srcset="../i/a.png 1x, ../i/b.png 2x" src="../i/a.png">`},
		{"meta refresh",
			`<meta http-equiv="refresh" content="0; url=/b/"><meta name="description" content="/a/ is a page">`,
			`<meta http-equiv="refresh" content="0; url=../b/index.html"><meta name="description" content="/a/ is a page">`},
		{"text, comments, script and style stay",
			`<p>href="/b/" &lt;a href="/b/"&gt;</p><!-- <a href="/b/"> --><script>var s = '<a href="/b/">';</script><style>a[href="/b/"]{}</style><a href="/b/">`,
			`<p>href="/b/" &lt;a href="/b/"&gt;</p><!-- <a href="/b/"> --><script>var s = '<a href="/b/">';</script><style>a[href="/b/"]{}</style><a href="../b/index.html">`},
		{"self-closing and boolean attributes",
			`<input disabled type=checkbox/><a download href="/f.pdf"/>`,
			`<input disabled type=checkbox/><a download href="../f.pdf"/>`},
		{"unfinished tag",
			`<a href="/b/`,
			`<a href="/b/`},
		{"a lone less-than sign", `1 < 2 <`, `1 < 2 <`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(Rewrite(nil, []byte(tc.in), "/a/", "/"))
			if got != tc.want {
				t.Errorf("Rewrite:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestRewriteAppends(t *testing.T) {
	got := string(Rewrite([]byte("x"), []byte(`<a href="/">`), "/", "/"))
	if want := `x<a href="index.html">`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
