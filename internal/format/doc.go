// Package format renders command output the way iproute2 does: text (normal,
// one line per record with -o, or brief with -br), JSON (compact with -j,
// indented with -p, shaped exactly like iproute2's json_writer output) or a
// table for people (-table).
//
// A command turns each domain value into a view that implements Record and
// hands it to a Printer. The Printer owns the output mode: it asks the view
// for its text or its JSON object, buffers JSON so that stdout carries either
// a whole valid document or nothing, and prints "[]" for an empty result.
package format
