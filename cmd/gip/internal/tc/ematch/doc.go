// Package ematch is tc's extended matches: the expression grammar of
// "match EXPR" (terms joined by and/or, not, parentheses), the tree the
// kernel keeps (a flat list whose containers refer to their
// sub-expressions), the kinds gip knows (cmp, u32, meta) and the printing
// of a tree as tc prints it.
package ematch
