package main

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestSchemaDocumented keeps "giw help json" honest: every key any JSON
// view can print is named in it.
func TestSchemaDocumented(t *testing.T) {
	words := map[string]bool{}
	for _, w := range regexp.MustCompile(`[a-z0-9_]+`).FindAllString(jsonSchemaHelp, -1) {
		words[w] = true
	}
	for _, v := range []any{ifaceJSON{}, channelJSON{}, phyJSON{}, bandJSON{}, freqJSON{}, rateJSON{}, bssJSON{},
		bssRate{}, rsnJSON{}, ieJSON{}, linkJSON{}, stationJSON{}, bitrateJSON{}, regJSON{}, regRuleJSON{},
		connectJSON{}, eventJSON{}, pskEvent{}, powerSaveJSON{}, surveyJSON{}, mpathJSON{},
		featuresJSON{}, commandJSON{}, vendorJSON{}, ftmStatsJSON{}, mgmtFrameJSON{}, hwsimPSJSON{},
		channelsBandJSON{}, phyChannelJSON{}, txqJSON{}, txqStatsJSON{}, wowlanJSON{}, netDetectJSON{}, patternJSON{}, coalesceJSON{}, coalesceRuleJSON{},
		ifTypeDataJSON{}, heCapaJSON{}, heMCSNSSJSON{}, ehtCapaJSON{}, ehtMCSNSSJSON{}, heOperJSON{}, ehtOperJSON{}} {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			key, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			if key == "" || key == "-" {
				t.Errorf("%s.%s has no JSON key", typ.Name(), typ.Field(i).Name)
				continue
			}
			if !words[key] {
				t.Errorf("%s key %q is not in giw help json", typ.Name(), key)
			}
		}
	}
}
