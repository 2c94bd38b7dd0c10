// Package generator builds a product-operations portal from a folder of
// Markdown. Build reads a site from an fs.FS, runs the pipeline and writes
// the result through an output.Writer; the command opsdocs is a thin layer
// over it.
//
// # Sites
//
// A site is a folder holding:
//
//	content/       the pages, as Markdown, and the files they use (images, PDFs)
//	layouts/       optional: html/template files that replace the default theme's
//	assets/        optional: style sheets, scripts and icons that replace or add to the theme's
//	opsdocs.yaml   optional: the site's configuration (package config)
//
// The default theme is embedded in the binary, so a folder holding only
// content/ is a complete site. Hidden files and folders, editor backups
// (name~) and Go source files are ignored everywhere.
//
// # Pages
//
// Every .md (or .markdown) file below content/ is a page. Its URL follows
// its path:
//
//	content/_index.md              /
//	content/playbooks/_index.md    /playbooks/          (the section page of playbooks/)
//	content/playbooks/index.md     /playbooks/          (the same; having both is an error)
//	content/playbooks/triage.md    /playbooks/triage/   (written to playbooks/triage/index.html)
//
// Every folder that holds a page, directly or below, is a section. A
// folder without a section page gets one, titled after the folder. A
// section lists its sub-sections first, then its pages; each group is
// ordered by weight (those that set one come first, lowest first), then by
// title. Any other file below content/ is published at the same path:
// content/playbooks/flow.png is served at /playbooks/flow.png.
//
// A Markdown file larger than 4 MiB, an empty one, one that is not UTF-8
// or that cannot be read is reported and left out; the rest of the site is
// built. Other files are copied as they are.
//
// # Front matter
//
// A page may start with front matter: YAML between lines "---", or TOML
// between lines "+++". It is recognised only at the first byte of the
// file; a block that is opened and not closed is an error. The keys every
// page may carry:
//
//	title         text; default: the page's leading "# heading", else its file name
//	description   one sentence, shown under the title and in section lists
//	type          page (default), playbook, roadmap, kpis, curriculum or lesson
//	tags          list of text
//	team, owner   text
//	reviewed      date (YYYY-MM-DD) of the last review
//	review_every  review interval: 30d, 6w, quarterly, yearly (recorded for review tracking)
//	updated       date of the last meaningful change; shown as "Last updated"
//	draft         true leaves the page out unless built with drafts
//	weight        whole number ordering the page within its section
//	search        false leaves the page out of the search index
//
// Content types add their own keys (a roadmap's items, a lesson's order).
// Keys the model does not know are kept and reachable from layouts as
// .Page.Params; a key that looks like a misspelling of a known key
// ("reviwed") is a warning that suggests the right one.
//
// # Roadmaps and KPIs
//
// A page of type roadmap lists a team's items (package roadmap); any page
// may carry a KPI table under kpis: (package kpi). Both are checked where
// they are written, and an item or KPI with an error is left out. The
// links of roadmap items are checked like the links of bodies. They roll
// up into two site-wide views: the page at /roadmap/ (every team side by
// side, a timeline by quarter) and the one at /kpis/ (every KPI with a
// summary by status). A page of the site at either URL, such as
// content/roadmap/_index.md, gives its view a title and an introduction;
// without one, the view is generated when the site has data for it. Every
// build also publishes the data as api/roadmap.json and api/kpis.json.
//
// # Playbooks, curricula and freshness
//
// A playbook (type: playbook) gets a summary of when to use it, its RACI
// roles and its templates, which are checked like links (package
// playbook). A folder whose section page has type: curriculum is a
// curriculum, and the other pages inside it are its lessons, ordered by
// order and then title, with prev and next in that order (package
// curriculum). Every page with a review interval, its own review_every or
// the site's, is tracked (package freshness): the page at /freshness/
// lists them by owner, most urgent first, and /changes/ lists the pages by
// their updated date. The data is published as api/freshness.json and
// api/curricula.json. With FailOnStale, each page overdue for review is
// an error.
//
// # Pages of the site-wide views
//
// So that no page grows with the site, each of the four views shows at
// most the site's view_page_size entries (100 by default; package
// config): KPIs, roadmap items, tracked pages, changed pages. Page 1 is
// at the view's URL, page n at URL/page/n/ (/kpis/page/2/); a view with
// fewer entries has one page. Every page has the counts and filter values
// of the whole site, and its own share of the entries, with links to the
// other pages (render.Pager); the view's introduction is on page 1. The
// pages after the first are not in the sidebar, the search index or the
// sitemap. A view is split only when its layout lists the entries from
// .Pager, so that a site's own layout written for a single page keeps
// working. A page, folder or alias of the site at the URL of a page of a
// view is an error, and keeps its URL.
//
// # Markdown
//
// Bodies are CommonMark with GitHub Flavored Markdown (tables, task
// lists, strikethrough, autolinks), footnotes, definition lists and
// typographic quotes; see package markdown. Relative links to .md files are
// rewritten to the target page's URL, anchors included; a link to a page,
// file or heading that does not exist is a warning at its line.
//
// # Layouts
//
// Pages are rendered with html/template layouts (package render): base.html
// defines the document and each page-type layout defines "main". A page
// uses the layout named after its type when the theme has one (for
// example playbook.html), else home.html for the home page, section.html for
// a section page and page.html for the rest; 404.html renders /404.html and
// search.html, when the theme has it, the search page /search/.
// The site-wide views at /roadmap/ and /kpis/ use all-roadmaps.html and
// all-kpis.html, and those at /freshness/ and /changes/, freshness.html
// and changes.html, for each of their pages. A layout that needs its own
// style sheet or script defines "head", which base.html places at the end
// of <head>.
// The data and the functions layouts may use are documented in package
// render.
//
// Every value from front matter is escaped; Markdown bodies may hold raw
// HTML, since authors are trusted colleagues.
//
// # Assets
//
// Files in assets/ are published under /assets/ with a hash of their
// content in their name (style.css -> /assets/style.1a2b3c4d5e.css), so
// that browsers may cache them for ever; layouts refer to them with
// {{asset "style.css"}}. chroma.css, the colours of highlighted code, is
// generated unless the site provides one.
//
// # Search
//
// The build indexes every page but drafts (even when built), the pages
// made for folders without a section page, and pages with search: false,
// in a stage after the pages are written (package search). The index is
// written below search/ in the output: search/index.js names a folder for
// each kind of file, named after a hash of its files, which holds the
// shards a query loads, so that they can be cached for ever. The default
// theme puts a search box in the header of every page
// (partials/search-box.html) and renders the search page,
// /search/?q=..., with filters by type, team, owner and tags; assets
// search.js and search-page.js read the index in the browser, over HTTP
// or, from disk, as scripts. A page of the site at /search/ is an error.
//
// # Output
//
// Pages link to each other, and to their assets, by paths from the host's
// root under the base URL's path (/product-ops/playbooks/). With
// Options.RelativeURLs every URL of the HTML is instead relative to its
// page, index.html spelt out (../../playbooks/index.html), so that the
// output works from disk and at any path; see package relurl.
//
// The same input and the same date give the same bytes: work runs on all
// cores but nothing depends on the order it finishes in. Diagnostics are
// collected across the whole site and returned sorted by file and line.
//
// # Previews
//
// A Rebuilder builds a site again each time its files change, for opsdocs
// serve. It keeps what its last build made of every page, and applies a
// change below content/ to it: the pages changed are read and converted
// again, the checks across pages run again where the change may concern
// them, and only the pages that show something of the change are rendered
// again (a page whose text changed: itself; whose title changed: the
// pages listing it; whose KPIs changed: the pages of /kpis/). A change to
// a layout, an asset or opsdocs.yaml, or to the site's folders, or one
// that changes how many pages a site-wide view has, builds the whole
// site.
// The files and the diagnostics are always those of a full build of the
// same files; the search index follows a moment later, built in the
// background once the edits pause.
package generator
