package emulator

import (
	"github.com/gotd/td/bin"
	"github.com/gotd/td/tg"
)

func (e *Emulator) registerConfig(m map[uint32]method) {
	register(m, true, (*call).getConfig)
	register(m, true, (*call).getNearestDC)
}

// dcOptions lists every DC on its IPv4 loopback address, as Telegram's
// config lists the addresses of all five, where a client finds the DC a
// *_MIGRATE_X error names (gotd's Client.dc looks it up in the config of
// its primary connection; TDLib's ConfigManager keeps the list). tgtest's
// cluster would wrongly mark 127.0.0.1 as IPv6.
func (e *Emulator) dcOptions() []tg.DCOption {
	out := make([]tg.DCOption, 0, len(e.dcs))
	for _, d := range e.dcs {
		out = append(out, tg.DCOption{ID: d.id, IPAddress: d.addr.IP.String(), Port: d.addr.Port, Static: true})
	}
	return out
}

// getConfig answers with this DC as this_dc: gotd keeps the session of a
// connection whose config names another DC than its primary as a side one.
func (c *call) getConfig(*tg.HelpGetConfigRequest) (bin.Encoder, error) {
	now := int(c.e.now().Unix())
	return &tg.Config{
		Date:                    now,
		Expires:                 now + 3600,
		ThisDC:                  c.dc,
		DCOptions:               c.e.dcOptions(),
		DCTxtDomainName:         "emulator.invalid",
		ChatSizeMax:             200,
		MegagroupSizeMax:        200000,
		ForwardedCountMax:       100,
		OnlineUpdatePeriodMs:    210000,
		OfflineBlurTimeoutMs:    5000,
		OfflineIdleTimeoutMs:    30000,
		OnlineCloudTimeoutMs:    300000,
		NotifyCloudDelayMs:      30000,
		NotifyDefaultDelayMs:    1500,
		PushChatPeriodMs:        60000,
		PushChatLimit:           2,
		EditTimeLimit:           172800,
		RevokeTimeLimit:         2147483647,
		RevokePmTimeLimit:       2147483647,
		RatingEDecay:            2419200,
		StickersRecentLimit:     200,
		ChannelsReadMediaPeriod: 604800,
		CallReceiveTimeoutMs:    20000,
		CallRingTimeoutMs:       90000,
		CallConnectTimeoutMs:    30000,
		CallPacketTimeoutMs:     10000,
		MeURLPrefix:             "https://t.me/",
		CaptionLengthMax:        1024,
		MessageLengthMax:        4096,
		WebfileDCID:             c.e.DC(),
	}, nil
}

func (c *call) getNearestDC(*tg.HelpGetNearestDCRequest) (bin.Encoder, error) {
	return &tg.NearestDC{Country: "ZZ", ThisDC: c.dc, NearestDC: c.dc}, nil
}
