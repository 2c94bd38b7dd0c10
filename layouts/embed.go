// Package layouts holds opsdocs' default layouts, embedded in the binary.
// A site overrides any of them with a file of the same name in its own
// layouts/ folder.
package layouts

import "embed"

// FS holds base.html, the page-type layouts and partials/.
//
//go:embed *.html partials
var FS embed.FS
