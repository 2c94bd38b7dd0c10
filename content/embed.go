// Package content holds the demo portal: a complete product-ops site that
// documents opsdocs itself in its "Using this portal" section. It is
// embedded so that "opsdocs init" can start a new site from it.
package content

import "embed"

// FS holds the demo portal's Markdown and files, below content/.
//
//go:embed all:*
var FS embed.FS
