package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestCompletion asks giw for the words at the cursor of command lines
// that need no radio (the live devices and phys are checked by TestLive).
func TestCompletion(t *testing.T) {
	for _, c := range []struct{ words, want string }{
		{"", "commands completion dev event features help list phy reg"},
		{"-j d", "dev"},
		{"dev wlan0 sc", "scan"},
		{"dev wlan0 scan ", "abort dump sched_start sched_stop trigger"},
		{"dev wlan0 ibss ", "join leave"},
		{"dev wlan0 ap ", "start stop"},
		{"dev wlan0 switch ", "channel freq"},
		{"-n x dev wlan0 station ", "del dump get set"},
		{"dev wlan0 set ", "4addr bitrates channel freq mcast_rate mesh_param meshid monitor noack_map peer power_save txpower type"},
		{"dev wlan0 mpath ", "del dump get new probe set"},
		{"phy phy0 set ", "antenna channel coverage distance frag freq name netns retry rts sar_specs txpower txq"},
		{"phy phy0 i", "info interface"},
		{"phy phy0 hwsim ", "getps setps stopqueues wakequeues"},
		{"reg ", "get reload set"},
		{"completion ", "bash fish zsh"},
		{"--ver", "--version"},
	} {
		var out, errb bytes.Buffer
		code := runContext(context.Background(), append([]string{"__complete"}, strings.Split(c.words, " ")...), &out, &errb)
		if got := strings.Join(strings.Fields(out.String()), " "); code != 0 || got != c.want {
			t.Errorf("%q: %q (exit %d %s), want %q", c.words, got, code, errb.String(), c.want)
		}
	}
	var out, errb bytes.Buffer
	if code := runContext(context.Background(), []string{"completion", "tcsh"}, &out, &errb); code != 1 || !strings.HasPrefix(errb.String(), "Usage: giw completion") {
		t.Errorf("completion tcsh: exit %d %q", code, errb.String())
	}
}
