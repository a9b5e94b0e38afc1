package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// helpForms are the command forms of a help listing: each entry's words
// up to its first argument (the device, phy or wdev named by one word X),
// so that "dev <devname> set power_save <on|off>" is "dev X set
// power_save". An entry that spells alternatives with " | " (giw's cac)
// counts each.
func helpForms(help string) []string {
	var forms []string
	for _, line := range strings.Split(help, "\n") {
		if !strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "\t\t") || strings.HasPrefix(line, "\t-") {
			continue
		}
		var prefix []string // of the alternatives after a line's first
		for n, alt := range strings.Split(strings.TrimSpace(line), " | ") {
			words := strings.Fields(alt)
			var form []string
			for i, w := range words {
				switch {
				case i == 1 && strings.HasPrefix(w, "<") && len(form) == 1 && slices.Contains([]string{"dev", "phy", "wdev"}, form[0]):
					form = append(form, "X")
					continue
				case strings.ContainsAny(w[:1], "[<{"):
				default:
					form = append(form, w)
					continue
				}
				break
			}
			if n == 0 && len(form) > 0 {
				prefix = form[:len(form)-1]
			} else if n > 0 {
				// "cac channel <channel> | freq <freq>": freq
				// takes the words before channel.
				form = append(slices.Clone(prefix), form...)
			}
			forms = append(forms, strings.Join(form, " "))
		}
	}
	slices.Sort(forms)
	return slices.Compact(forms)
}

// giw help names every command form iw's help names.
func TestHelpListsEveryIwForm(t *testing.T) {
	testenv.NeedTools(t, "iw")
	ref, _ := exec.Command("iw", "help").CombinedOutput()
	out, _, code := runArgs("help")
	if code != 0 {
		t.Fatalf("giw help: exit %d", code)
	}
	iw, giw := helpForms(string(ref)), helpForms(out)
	if len(iw) < 100 {
		t.Fatalf("iw help lists %d forms:\n%s", len(iw), ref)
	}
	for _, f := range iw {
		if !slices.Contains(giw, f) {
			t.Errorf("giw help lacks iw's %q", f)
		}
	}
	t.Logf("iw: %d forms, giw: %d", len(iw), len(giw))
}
