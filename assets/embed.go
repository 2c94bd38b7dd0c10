// Package assets holds opsdocs' default style sheets, scripts and icons,
// embedded in the binary. A site overrides any of them with a file of the
// same name in its own assets/ folder.
package assets

import "embed"

// FS holds the theme's assets.
//
//go:embed *.css *.js *.svg
var FS embed.FS

// Live holds live/reload.js and live/overlay.css, which "opsdocs serve"
// adds to the pages it serves for live reload and the error overlay. They
// are not part of the theme: built sites never hold them.
//
//go:embed live
var Live embed.FS
