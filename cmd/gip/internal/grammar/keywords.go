package grammar

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// A parser reads each keyword's value with one call that takes the value,
// converts it and complains in ip's words: ParseValue for any type, OnOff
// for ip's on/off switches.

// OnOff consumes the value of keyword kw: "on" is true, "off" false,
// anything else ip's `Error: argument of "KW" must be "on" or "off", not
// "x"`.
func OnOff(a *Args, kw string) (bool, error) {
	v, err := a.Value()
	if err != nil {
		return false, err
	}
	return ParseOnOff(kw, v)
}

// ParseOnOff reads ip's on/off value of keyword kw.
func ParseOnOff(kw, v string) (bool, error) {
	switch v {
	case "on":
		return true, nil
	case "off":
		return false, nil
	}
	return false, fail.Localf("Error: argument of %q must be \"on\" or \"off\", not %q", kw, v)
}
