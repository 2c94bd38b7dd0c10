package corpus

import "testing"

func TestRel(t *testing.T) {
	for _, c := range []struct{ dir, target, want string }{
		{"", "a/b.md", "a/b.md"},
		{"a", "a/b.md", "b.md"},
		{"a/b", "a/c.md", "../c.md"},
		{"a/b", "x/y/z.md", "../../x/y/z.md"},
		{"a/b", "a/b/c/_index.md", "c/_index.md"},
		{"ab", "a/c.md", "../a/c.md"},
	} {
		if got := rel(c.dir, c.target); got != c.want {
			t.Errorf("rel(%q, %q) = %q, want %q", c.dir, c.target, got, c.want)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Open questions":         "open-questions",
		"Growth roadmap 2026-H1": "growth-roadmap-2026-h1",
		"Self Serve":             "self-serve",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
