// Command giw configures wireless devices through nl80211, as iw does, with
// iw's command grammar, text output, messages and exit codes, plus a stable
// JSON output (-j) for scripts.
//
// Usage:
//
//	giw [-j [-p]] [-n NETNS] [--debug] COMMAND
//
// Commands: dev; dev IF info|link|scan [dump|trigger|abort]|station dump|
// station get MAC|station set MAC plink_action|vlan|mesh_power_mode|
// airtime_weight|txpwr ...|station del MAC [subtype N] [reason-code N]|
// set txpower|power_save|channel|freq|bitrates|mcast_rate|4addr|noack_map|
// monitor|meshid|mesh_param ...|get power_save|mesh_param [P]|survey dump
// [--radio]|mesh join ID [freq F [MODE]] [basic-rates R,...] [mcast-rate R]
// [beacon-interval TU] [dtim-period P] [vendor_sync on|off] [P=V...]|mesh
// leave|mesh_param dump|mpath dump|get|new|set|del ...|mpp dump|get MAC|
// connect [-w] SSID [FREQ] [BSSID] [auth open|shared]
// [key KEY...|psk PASSPHRASE|psk -|psk-file FILE]|disconnect|ibss join
// SSID FREQ [MODE] [fixed-freq] [BSSID] [beacon-interval TU] [basic-rates
// R,...] [mcast-rate R] [key KEY...]|ibss leave|set type T|
// del|interface add NAME type T; phy, list, phy PHY info, phy PHY interface
// add NAME type T, phy PHY reg get, phy PHY set name|freq|channel|frag|rts|
// retry|netns|coverage|distance|txpower|antenna|txq|sar_specs ..., phy PHY
// channels|get txq, phy PHY wowlan enable [TRIGGER...]|disable|show, phy PHY
// coalesce enable FILE|disable|show; reg get; reg set CC;
// reg reload; event [-t|-T|-r] [-f]. "giw help" lists
// them, "giw help json" prints the JSON schema (jsonSchemaHelp below).
//
// Exit status, as iw: 0 on success; 1 for usage errors and when the kernel
// has no nl80211 ("nl80211 not found."); for a refusal by the kernel the
// negative errno as a byte (256 - errno: "command failed: No such device
// (-19)" exits 237), after "kernel reports: MSG" when the kernel explained.
//
// Differences from iw 5.19, on purpose:
//   - Options iw lacks: -j/-p (JSON), -n NETNS (run in a namespace, as ip -n;
//     interface and wiphy names are then looked up through nl80211 in that
//     namespace instead of in the caller's).
//   - Usage text goes to standard error, so standard output stays clean
//     (valid JSON with -j); the exit status is iw's (1). What iw prints
//     before its usage stays where iw puts it (the parameter list of
//     get/set mesh_param on standard output).
//   - "phy"/"list"/"phy X info" print a summary: the lines giw prints are
//     iw's, in iw's order; the bands with their HT, VHT, HE and EHT
//     capabilities are iw's to the byte, but the blocks for interface
//     combinations, frame types, WoWLAN, extended features and feature
//     flags are left out (JSON carries what giw decodes).
//   - Scan results decode SSID, rates, DS, TIM, country, BSS load, power
//     constraint, TPC, ERP, HT, VHT and HE capabilities, HT and VHT
//     operation, RSN, WPA, WMM, WPS, operating classes, extended
//     capabilities and mesh ID like iw; other elements (HE and EHT
//     operation, EHT capabilities, interworking, ...) are shown only with
//     -u, as iw 5.19 does, as "Unknown IE"/vendor bytes. JSON has every
//     element raw in "ies", and HE and EHT capabilities and operation
//     decoded.
//   - Signal and txpower values below zero with a fraction print as
//     "-30.50", not iw's "-30.-50"; sub-GHz channels are numbered 0 (later
//     iw), not iw 5.19's negative numbers.
//   - "phy#N" for a wiphy that does not exist fails with "No such device"
//     (iw prints nothing and exits 0).
//   - connect takes WEP keys with iw's grammar, except iw's "psk:..." key
//     (a handshake offloaded to the driver); instead "psk PASSPHRASE",
//     "psk -" (standard input) and "psk-file FILE" join WPA2-PSK networks
//     with CCMP without a supplicant: giw runs the 4-way handshake over a
//     packet socket (internal/wpa), installs the keys and authorizes the
//     port, and returns then (with the output of "connect -w"); a failed
//     handshake (a wrong passphrase ends in the access point's
//     disconnection, under 10 s) prints one line "giw connect: ..." and
//     exits 1, leaving the interface disconnected. Group rekeys after giw
//     returned are not answered (the access point then disconnects);
//     "connect -f ... psk ..." stays in the foreground for that: it
//     answers rekeys, reconnects after a disconnection and prints events
//     (JSON lines with -j: pskevent below) until interrupted, then
//     disconnects.
//   - "station dump -v" (per-TID statistics) is refused.
//   - "wowlan enable patterns +" (a pattern of nothing but '+') is a usage
//     error; iw crashes on it.
//   - Dumps the kernel marks interrupted (the scan table changes with every
//     beacon) are retried, then the last data is shown, as iw does.
//   - event: the listed events are printed in iw's words, others as
//     "unknown event N (name)"; with -j one JSON object per line, and a
//     {"event":"lost"} line (text: a warning on standard error) when the
//     kernel dropped events.
package main

// jsonSchemaHelp documents the -j output. Keys are never renamed or
// removed; new keys may be added. Optional values the kernel does not report
// are left out (never null, except where noted). Lists are [] when empty.
const jsonSchemaHelp = `giw -j output (stable; keys are only ever added)

giw -j dev                      -> [interface]
giw -j dev IF info              -> interface
giw -j phy | list               -> [phy]
giw -j phy PHY info             -> phy
giw -j dev IF scan [dump]       -> [bss]
giw -j dev IF link              -> link
giw -j dev IF station dump      -> [station]
giw -j dev IF station get MAC   -> station
giw -j reg get                  -> [regdomain]
giw -j dev IF connect -w ...    -> connect (also connect ... psk ...)
giw -j dev IF connect -f ... psk -> one pskevent object per line, until interrupted
giw -j phy PHY interface add .. -> interface
giw -j event [-f]               -> one event object per line (JSON lines), until interrupted
giw -j dev IF get power_save    -> powersave
giw -j dev IF survey dump [--radio] -> [survey]
giw -j dev IF mesh_param dump   -> meshparams (get mesh_param P: meshparams with that key only)
giw -j dev IF mpath dump        -> [mpath]   (mpath get MAC -> mpath)
giw -j dev IF mpp dump          -> [mpath]   (mpp get MAC -> mpath, with proxy instead of next_hop)
giw -j features                 -> features
giw -j commands                 -> [command] (exit status 2, as iw's commands)
giw -j dev IF vendor recv|recvbin ... -> [vendor] (one per answer of the driver)
giw -j dev IF ftm get_stats     -> ftmstats
giw -j phy PHY hwsim getps|setps N -> hwsimps {phy, ps} (when the kernel answers)
giw -j phy PHY channels         -> [channelsband]
giw -j phy PHY get txq          -> txq
giw -j phy PHY wowlan show      -> wowlan
giw -j phy PHY coalesce show    -> coalesce
giw -j dev IF mgmt dump ...     -> one mgmtframe object per line (JSON lines)
Other commands print nothing on success. Errors go to stderr as text.

interface: {ifname, ifindex, wiphy, wdev, addr, type, 4addr,
  ssid?, ssid_hex?, txpower_dbm? (number),
  channel?: {channel, freq, freq_offset_khz?, width?, width_mhz?, center1?, center2?, channel_type?}}
  type is iw's name: "managed", "AP", "monitor", "mesh point", "IBSS", ...
  ssid is the SSID text when valid UTF-8, else iw's \xNN-escaped form; ssid_hex is exact.

phy: {wiphy, name, bands: [{band, ht_capa?, iftype_data: [iftypedata], frequencies: [{freq,
  freq_offset_khz?, channel, max_tx_power_dbm?, disabled, no_ir, radar, indoor_only}],
  bitrates: [{mbps, short_preamble}]}],
  max_scan_ssids?, max_scan_ie_len?, max_sched_scan_ssids?, max_match_sets?, frag_threshold?,
  rts_threshold?, retry_short?, retry_long?, coverage_class?, ciphers: ["CCMP-128 (00-0f-ac:4)", ...],
  antenna_avail_tx?, antenna_avail_rx?, antenna_tx?, antenna_rx?, interface_modes: [type],
  software_modes: [type], commands: ["new_interface", ...], self_managed_reg}
  band is iw's "Band N" (2.4 GHz is 1, 5 GHz is 2, 60 GHz is 3, 6 GHz is 4).
iftypedata: {iftypes: [type], he?: hecapa, he_6ghz_capa?, eht?: ehtcapa} (HE and EHT
  capabilities a band offers to these interface types)
hecapa: {mac_capa, phy_capa (the fields as hex), mac: [..], phy: [..] (what is set, in iw's
  words, "Max NC: 3" for a field), mcs_nss: [{width ("<= 80"|"160"|"80+80"), rx_max_mcs,
  tx_max_mcs (per stream count 1..8 the highest MCS, null: not supported)}], ppe? (hex)}
ehtcapa: {mac_capa, phy_capa, mac: [..], phy: [..], mcs_nss: [{width ("20" for a 20 MHz-only
  station|"<= 80"|"160"|"320"), mcs ("0-7"|"8-9"|"0-9"|"10-11"|"12-13"), rx_nss, tx_nss}], ppe?}

bss: {bssid, ifname, status? ("associated"|"authenticated"|"joined"), last_seen_boottime_ns?,
  tsf_usec?, freq, freq_offset_khz?, channel, beacon_interval_tu?, capability: ["ESS", "Privacy", ...],
  capability_raw?, privacy, signal_dbm? (number), signal_unspec? (0..100), last_seen_ms_ago?,
  ssid?, ssid_hex?, rates: [{mbps?, selector? ("HT"|"VHT"), basic}], ds_channel?, country?,
  rsn?: rsn, wpa?: rsn, he_capabilities?: hecapa, he_operation?: heoper,
  eht_capabilities?: ehtcapa, eht_operation?: ehtoper, ies_from ("beacon"|"probe_response"),
  ies: [{id, data (hex)}], beacon_ies?: [{id, data}]}
heoper: {default_pe_duration, twt_required, txop_rts_threshold (1023: disabled), er_su_disable,
  bss_color, partial_bss_color, bss_color_disabled, basic_max_mcs (as rx_max_mcs),
  vht_channel_width?, vht_center_seg0?, vht_center_seg1?, max_cohosted_bssid?,
  six_ghz_primary_channel?, six_ghz_width_mhz?, six_ghz_center_seg0?, six_ghz_center_seg1?,
  six_ghz_min_rate_mbps?}
ehtoper: {basic_mcs_nss: [{mcs, rx_nss, tx_nss}], channel_width_mhz?, ccfs0?, ccfs1?,
  disabled_subchannels?}
rsn: {version, group_cipher, pairwise_ciphers: [..], akm_suites: [..], capabilities?, pmkid_count?,
  group_mgmt_cipher?}; suites the element leaves out carry the standard's defaults
  (RSN: CCMP and "IEEE 802.1X"; WPA: TKIP and "IEEE 802.1X"). Names as iw prints them
  ("CCMP", "TKIP", "PSK", "SAE", ...; unknown ones as "00-0f-ac:99").

link: {connected, ifname, status? ("associated"|"authenticated"|"ibss_joined"), bssid?,
  ssid?, ssid_hex?, freq?, rx_bytes?, rx_packets?, tx_bytes?, tx_packets?, signal_dbm?,
  rx_bitrate?: bitrate, tx_bitrate?: bitrate, bss_flags?: ["CTS-protection", "short-preamble",
  "short-slot-time"], dtim_period?, beacon_int?}

station: {mac, ifname, inactive_time_ms?, rx_bytes?, rx_packets?, tx_bytes?, tx_packets?,
  tx_retries?, tx_failed?, beacon_loss?, beacon_rx?, rx_drop_misc?, signal_dbm?,
  signal_chains_dbm?: [..], signal_avg_dbm?, signal_avg_chains_dbm?: [..], beacon_signal_avg_dbm?,
  t_offset_us?, tx_bitrate?: bitrate, rx_bitrate?: bitrate, tx_duration_us?, rx_duration_us?,
  ack_signal_dbm?, ack_signal_avg_dbm?, airtime_weight?, expected_throughput_mbps?,
  authorized?, authenticated?, associated?, short_preamble?, wmm?, mfp?, tdls_peer? (booleans,
  present when the kernel reports the flag), dtim_period?, beacon_interval?, cts_protection?,
  bss_short_preamble?, short_slot_time?, connected_time_s?, associated_at_boottime_ns?,
  mesh_llid?, mesh_plid?, mesh_plink? ("ESTAB", ...), mesh_airtime_link_metric?,
  mesh_connected_to_gate?, mesh_connected_to_auth_server?, mesh_local_ps_mode?,
  mesh_peer_ps_mode?, mesh_non_peer_ps_mode? ("ACTIVE"|"LIGHT SLEEP"|"DEEP SLEEP")}
bitrate: {text (iw's form, e.g. "65.0 MBit/s MCS 7 short GI"), mbps?, mcs?, vht_mcs?, vht_nss?,
  he_mcs?, he_nss?, he_gi?, he_dcm?, he_ru_alloc?, eht_mcs?, eht_nss?, eht_gi?, eht_ru_alloc?,
  width_mhz? (40, 80, 160, 320), width_80p80?, short_gi}

regdomain: {phy (null for the global domain), self_managed, country, dfs_region
  ("DFS-UNSET"|"DFS-FCC"|"DFS-ETSI"|"DFS-JP"), rules: [{start_mhz, end_mhz, max_bw_mhz,
  max_ant_gain_dbi (null: N/A), max_eirp_dbm, dfs_cac_ms?, flags: ["NO-IR", "DFS", ...]}]}

connect: {ifname, phy, connected, bssid?, status (IEEE 802.11 status code), timed_out}

pskfeatures: {protocol_features (the kernel's bitmap), split_wiphy_dump}

hwsimps: {phy, ps}

mgmtframe: {ifname, freq?, signal_dbm?, frame (hex, from the frame control field on)}

vendor: {data (hex; null when the answer carried none)}

ftmstats: {ifname, success?, partial_success?, failed?, asap_success?, non_asap?,
  total_duration_ms?, unknown_triggers?, rescheduled_requests?, out_of_window?}

command: {id, name} (the nl80211 commands iw 5.19 knows, by number; names as iw prints them)

event: {time (RFC 3339, ns), ifname, event ("connected"|"group_rekey"|"disconnected"|"error"),
  bssid?, key_index? (group_rekey), reason? (disconnected: IEEE 802.11 reason code), error?}

powersave: {ifname, power_save (boolean)}

channelsband: {band, channels: [{freq, freq_offset_khz?, channel, disabled, max_tx_power_dbm?, no_ir,
  no_ibss, radar, widths: ["20MHz", "HT40-", "HT40+", "VHT80", "VHT160"] (those the channel
  allows; [] when disabled), dfs_state? ("usable"|"available"|"unavailable"|"unknown"),
  dfs_time_ms?, dfs_cac_time_ms?}]}

txq: {phy, limit_packets?, memory_limit_bytes?, quantum_bytes?, stats?: {queues?, backlog_packets?,
  backlog_bytes?, overlimit?, overmemory?, collisions?}} (only phy for a driver without TXQs)

wowlan: {phy, enabled, triggers: ["any", "disconnect", "magic-packet", "gtk-rekey-failure",
  "eap-identity-request", "4way-handshake", "rfkill-release", "net-detect", "patterns", "tcp"]
  (those set, in the words of wowlan enable), net_detect?: {interval_ms?, delay_s?, matches: [ssid],
  freqs: [..]}, patterns: [pattern], tcp (boolean)}
pattern: {offset?, pattern ("00:11:--:33", -- for a byte that may be anything), invalid? (true
  when the mask does not fit the bytes; pattern is then "")}

coalesce: {phy, enabled, rules: [{delay_ms, condition ("match"|"not match"), patterns: [pattern]}]}

survey: {ifname, freq?, freq_offset_khz?, in_use, noise_dbm?, active_ms?, busy_ms?, ext_busy_ms?,
  receive_ms?, transmit_ms?, scan_ms?, bss_receive_ms?} (one per channel; with --radio the
  driver may add one for the whole radio, without freq)

meshparams: {PARAM: value, ...} with iw's parameter names as keys (mesh_retry_timeout, mesh_ttl,
  mesh_hwmp_rootmode, mesh_rssi_threshold, mesh_power_mode, ...); numbers in the unit iw prints
  (milliseconds, TUs, seconds, dBm), mesh_power_mode as "active"|"light"|"deep".

mpath: {dst, next_hop? (mpath), proxy? (mpp), ifname, sn?, metric?, qlen?, exptime_ms?,
  discovery_timeout_ms?, discovery_retries?, flags? (the kernel's bits: 1 active, 2 resolving,
  4 sn valid, 8 fixed, 16 resolved), hop_count?, path_change?}

features: {protocol_features (the kernel's bitmap), split_wiphy_dump}

hwsimps: {phy, ps}

mgmtframe: {ifname, freq?, signal_dbm?, frame (hex, from the frame control field on)}

vendor: {data (hex; null when the answer carried none)}

ftmstats: {ifname, success?, partial_success?, failed?, asap_success?, non_asap?,
  total_duration_ms?, unknown_triggers?, rescheduled_requests?, out_of_window?}

command: {id, name} (the nl80211 commands iw 5.19 knows, by number; names as iw prints them)

event: {time (RFC 3339, ns), event (the nl80211 command: "trigger_scan", "new_scan_results",
  "scan_aborted", "connect", "disconnect", "new_station", "del_station", "new_interface",
  "del_interface", "reg_change", ...; "lost" when the kernel dropped events), text (iw event's
  description), ifname?, ifindex?, wiphy?, wdev?, mac?, status?, reason?, by_ap?, timed_out?,
  freqs?, ssids?, type?, country?, wiphy_name?, freq?, frame? (hex), error? (for "lost")}
`
