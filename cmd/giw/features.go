package main

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// iwCommandMax is the last nl80211 command iw 5.19 knows (NL80211_CMD_MAX
// of its nl80211.h): "giw commands" lists as many, as iw does.
const iwCommandMax = 147

// iwCommandName is a command's name as iw 5.19's table has it: the
// kernel's, except for set_mgmt_extra_ie (30), which iw does not name.
func iwCommandName(id uint32) string {
	if id == 30 {
		return fmt.Sprintf("Unknown command (%d)", id)
	}
	return nl80211.CommandName(id)
}

// errCommandsDone is iw's exit status after commands: 2, the handler's
// "done, nothing sent", which iw passes on as its status.
var errCommandsDone = &exitError{code: 2}

// featuresJSON is the JSON view of "giw -j features".
type featuresJSON struct {
	ProtocolFeatures uint32 `json:"protocol_features"`
	SplitWiphyDump   bool   `json:"split_wiphy_dump"`
}

// runFeatures prints the protocol features the kernel's nl80211 reports,
// as iw's features command does; "-q" asks and prints nothing.
func runFeatures(e *env, _ target, args []string) error {
	f, known, err := e.client.ProtocolFeatures()
	if err != nil || !known || (len(args) > 0 && args[0] == "-q") {
		return err
	}
	split := f&nl80211.FeatureSplitWiphyDump != 0
	if e.opts.json {
		return printJSON(e, featuresJSON{ProtocolFeatures: uint32(f), SplitWiphyDump: split})
	}
	t := &tw{w: e.stdout}
	t.f("nl80211 features: 0x%x\n", uint32(f))
	if split {
		t.f("\t* split wiphy dump\n")
	}
	return t.err
}

// commandJSON is one entry of "giw -j commands".
type commandJSON struct {
	ID   uint32 `json:"id"`
	Name string `json:"name"`
}

// runCommands lists the nl80211 commands by number, as iw's commands
// does: "N (0xN): name", and exits 2 as iw does. It asks the kernel
// nothing.
func runCommands(e *env, _ target, _ []string) error {
	if e.opts.json {
		out := make([]commandJSON, 0, iwCommandMax)
		for id := uint32(1); id <= iwCommandMax; id++ {
			out = append(out, commandJSON{ID: id, Name: iwCommandName(id)})
		}
		if err := printJSON(e, out); err != nil {
			return err
		}
		return errCommandsDone
	}
	t := &tw{w: e.stdout}
	for id := uint32(1); id <= iwCommandMax; id++ {
		t.f("%d (0x%x): %s\n", id, id, iwCommandName(id))
	}
	if t.err != nil {
		return t.err
	}
	return errCommandsDone
}
