package nft

import (
	"github.com/gip-suite/gip/internal/format"
)

// stmt is one statement of a rule as nft prints it: "tcp dport 22",
// "counter packets 0 bytes 0", "accept".
type stmt struct {
	text string
	json *format.Obj

	// A match that only says which protocol follows is a dependency:
	// nft leaves it out when a later statement implies it.
	dep     depLayer
	depKind string // "meta l4proto", "ip protocol", ...
	removed bool
}

type depLayer int

const (
	depNone depLayer = iota
	depLink
	depNetwork
	depTransport
)

// matchOp is nft's operator for a comparison; "==" prints as nothing.
var cmpOps = []string{"==", "!=", "<", "<=", ">", ">="}

// match is a relational statement: left op right.
func match(op string, left, right expr) stmt {
	text := left.text + " "
	if op != "==" && op != "in" {
		text += op + " "
	}
	text += right.text
	return stmt{
		text: text,
		json: obj("match", new(format.Obj).Set("op", op).Set("left", left.json).Set("right", right.json)),
	}
}

// simple is a statement with nothing to say in JSON but its name
// ({"accept": null}).
func simple(name string) stmt { return stmt{text: name, json: obj(name, nil)} }
