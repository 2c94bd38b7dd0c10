// Package contenttest provides pages for the tests of the packages that
// read structured front matter.
package contenttest

import (
	"testing"

	"github.com/opsdocs/opsdocs/generator/content"
)

// Page parses src as the page at path below content/, failing t when it
// has errors.
func Page(t testing.TB, path, src string) *content.Page {
	t.Helper()
	pg, errs := content.ParsePage(path, []byte(src))
	if len(errs) > 0 || pg == nil {
		t.Fatalf("%s: %v", path, errs)
	}
	return pg
}
