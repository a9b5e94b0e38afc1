package xfrm

import "github.com/gip-suite/gip/cmd/gip/internal/command"

const stateUsage = `Usage: ip xfrm state { add | update } ID [ ALGO-LIST ]`

var stateMatch [][2]string

func stateVerbs() []command.Verb { return nil }
