package main

import (
	"encoding/hex"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// keyGrammar is iw 5.19's explanation of its key syntax, printed (to
// standard error, exit status 2) when a key does not parse.
const keyGrammar = `key must be [d:]index:data where
  'd:'     means default (transmit) key
  'index:' is a single digit (0-3)
  'data'   must be 5 or 13 ascii chars
           or 10 or 26 hex digits
for example: d:2:6162636465 is the same as d:2:abcde
or psk:data <AKM Suite> <pairwise CIPHER> <groupwise CIPHER> where
  'data' is the PSK (output of wpa_passphrase and the CIPHER can be CCMP or GCMP
for example: psk:0123456789abcdef PSK CCMP CCMP
The allowed AKM suites are PSK, FT/PSK, PSK/SHA-256
The allowed Cipher suites are TKIP, CCMP, GCMP, GCMP-256, CCMP-256`

// errKeyGrammar is what a malformed key gives, as with iw.
var errKeyGrammar = &exitError{code: 2, msg: keyGrammar}

// parseWEPKeys reads the arguments after "key": every remaining argument
// is a WEP key "[d:]index:data" (iw's grammar); the last is the transmit
// key unless one says "d:". iw's offloaded-handshake form "psk:..." needs a
// driver that runs the 4-way handshake itself; giw runs it (connect ...
// psk), so it is refused here.
func parseWEPKeys(args []string) ([]nl80211.Key, error) {
	if len(args) == 0 {
		return nil, &usageError{}
	}
	var keys []nl80211.Key
	haveDefault := false
	for i, arg := range args {
		var k nl80211.Key
		pos := 0
		if pos < len(arg) && arg[pos] == 'd' {
			k.Default, haveDefault = true, true
			pos++
			if pos < len(arg) && arg[pos] == ':' {
				pos++
			}
		}
		if pos >= len(arg) || arg[pos] < '0' || arg[pos] > '9' {
			return nil, errKeyGrammar
		}
		k.Index = arg[pos] - '0'
		pos++
		if pos >= len(arg) || arg[pos] != ':' {
			return nil, errKeyGrammar
		}
		data := arg[pos+1:]
		switch len(data) {
		case 10, 26:
			b, err := hex.DecodeString(data)
			if err != nil {
				return nil, errKeyGrammar
			}
			k.Data = b
		case 5, 13:
			k.Data = []byte(data)
		default:
			return nil, errKeyGrammar
		}
		k.Cipher = nl80211.CipherWEP40
		if len(k.Data) == 13 {
			k.Cipher = nl80211.CipherWEP104
		}
		if !haveDefault && i == len(args)-1 {
			k.Default = true
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// parseKeysClause reads iw's trailing "key|keys <key>..." clause: the WEP
// keys, or a usage error when the first word is another.
func parseKeysClause(args []string) ([]nl80211.Key, error) {
	if len(args) == 0 || (args[0] != "key" && args[0] != "keys") {
		return nil, &usageError{}
	}
	return parseWEPKeys(args[1:])
}
