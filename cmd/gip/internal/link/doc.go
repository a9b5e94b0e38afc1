// Package link is `gip link`: show, add, replace, set, delete and
// property, and the link views `gip addr` and `gip bridge` print through.
//
// Layout:
//   - link.go: the object and its usage; one file per verb (show.go,
//     add.go, set.go, delete.go, property.go); args.go reads the link
//     options add and set share; filter.go the selectors of show (and of
//     `addr show`).
//   - kinds.go: the registry of link kinds, one line per kind. A kind is
//     its typed options in internal/nl/rtnl (link_<kind>.go, Encode and
//     Decode) plus kind_<kind>.go here: its grammar, its -d printer on
//     format.Fields and its usage. kind_parse.go is the cursor kinds parse
//     with; device names in kind options are resolved after parsing.
//     kind_print.go holds the printing helpers kinds share.
//   - view_link.go, view_addr.go, view_stats.go: links, addresses and
//     counters printed through format.Fields, one call per field for text
//     and JSON.
//   - bridge_fields.go: the port field tables `bridge link` still uses.
//
// testdata/kinds holds one golden fixture per kind (command -> request
// bytes; kernel reply -> text, -d text, JSON), replayed on a fake kernel;
// a registered kind without one fails the tests.
package link
