package emulator_test

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/gotd/td/session"
	"github.com/gotd/td/telegram/auth/qrlogin"
	"github.com/gotd/td/telegram/dcs"
	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// accountOn adds an account that lives on DC dc.
func accountOn(e *emulator.Emulator, name string, dc int) account {
	phone := fmt.Sprintf("+1555%07d", phones.Add(1))
	u := e.AddAccount(emulator.AccountSpec{UserSpec: emulator.UserSpec{FirstName: name, Phone: phone}, DC: dc})
	return account{User: u, phone: phone}
}

// connectOn runs a client without updates that dials DC dc first.
func connectOn(t *testing.T, e *emulator.Emulator, dc int) *client {
	t.Helper()
	opts := clientOptions(e, &session.StorageMemory{}, nil)
	host, port, err := net.SplitHostPort(e.DCAddr(dc))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := strconv.Atoi(port)
	opts.DC = dc
	opts.DCList = dcs.List{Options: []tg.DCOption{{ID: dc, IPAddress: host, Port: p, Static: true}}}
	return connectWith(t, opts)
}

// requirePushesOn checks that every push after seq went out from DC dc,
// and that there was one.
func requirePushesOn(t *testing.T, e *emulator.Emulator, after, dc int) {
	t.Helper()
	n := 0
	for _, ev := range e.Events() {
		if ev.Seq > after && ev.Kind == emulator.EventPush {
			n++
			if ev.DC != dc {
				t.Errorf("push from DC %d, want only from the home DC %d", ev.DC, dc)
			}
		}
	}
	if n == 0 {
		t.Errorf("no push after event %d", after)
	}
}

// TestLoginOnOtherDC logs in by code to an account on DC 4 from DC 2:
// auth.sendCode answers PHONE_MIGRATE_4, and gotd makes DC 4 its primary
// DC, sends the code request again there and signs in there.
func TestLoginOnOtherDC(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a := accountOn(e, "dora", 4)
	ctx := testContext(t)
	storage := &session.StorageMemory{}
	c := connect(t, e, storage, nil)
	login(t, ctx, c, a)
	if ev := callOn(t, e, 0, "auth.sendCode", 2); errType(ev) != "PHONE_MIGRATE" || ev.Err.Argument != 4 {
		t.Errorf("sendCode on DC 2: %v, want PHONE_MIGRATE_4", ev.Err)
	}
	if ev := callOn(t, e, 0, "auth.signIn", 4); ev.Err != nil {
		t.Errorf("signIn on DC 4: %v", ev.Err)
	}
	data, err := (&session.Loader{Storage: storage}).Load(ctx)
	if err != nil || data.DC != 4 {
		t.Errorf("stored session: DC %v, %v; want 4", data, err)
	}
	before := e.LastSeq()
	id, err := e.Post(a.ID, emulator.Message{Text: "to DC 4", Media: emulator.Photo(emulator.JPEG(64, 64, 0))})
	if err != nil {
		t.Fatal(err)
	}
	requirePushesOn(t, e, before, 4)
	// Media posted to an account lives on its home DC unless told otherwise.
	m, _ := e.Message(a.ID, id)
	if p := m.(*tg.Message).Media.(*tg.MessageMediaPhoto).Photo.(*tg.Photo); p.DCID != 4 {
		t.Errorf("posted photo on DC %d, want the home DC 4", p.DCID)
	}
}

// TestUserMigrate imports the authorization of an account on DC 4 into a
// client on DC 2 by hand. That client gets no updates there, and its
// account calls answer USER_MIGRATE_4. gotd then makes DC 4 its primary,
// with a new key that is not authorised there: AUTH_KEY_UNREGISTERED.
func TestUserMigrate(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{DC: 4, DCs: []int{2, 4}})
	a := accountOn(e, "uma", 4)
	ctx := testContext(t)
	home := connect(t, e, nil, nil)
	login(t, ctx, home, a)
	for _, dc := range []int{4, 3} {
		if _, err := home.api.AuthExportAuthorization(ctx, dc); !tgerr.Is(err, "DC_ID_INVALID") {
			t.Errorf("export to DC %d: err = %v, want DC_ID_INVALID", dc, err)
		}
	}
	exp, err := home.api.AuthExportAuthorization(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	c := connectOn(t, e, 2)
	imp := &tg.AuthImportAuthorizationRequest{ID: exp.ID + 1, Bytes: exp.Bytes}
	if _, err := c.api.AuthImportAuthorization(ctx, imp); !tgerr.Is(err, "USER_ID_INVALID") {
		t.Errorf("import for another user: err = %v, want USER_ID_INVALID", err)
	}
	imp.ID = exp.ID
	if _, err := c.api.AuthImportAuthorization(ctx, imp); err != nil {
		t.Fatalf("import: %v", err)
	}
	if _, err := c.api.AuthImportAuthorization(ctx, imp); !tgerr.Is(err, "AUTH_BYTES_INVALID") {
		t.Errorf("import again: err = %v, want AUTH_BYTES_INVALID", err)
	}
	before := e.LastSeq()
	if _, err := e.Post(a.ID, emulator.Message{Text: "not to DC 2"}); err != nil {
		t.Fatal(err)
	}
	requirePushesOn(t, e, before, 4)

	before = e.LastSeq()
	if _, err := c.api.UsersGetFullUser(ctx, &tg.InputUserSelf{}); !tgerr.Is(err, "AUTH_KEY_UNREGISTERED") {
		t.Errorf("getFullUser: err = %v, want AUTH_KEY_UNREGISTERED after the move to DC 4", err)
	}
	if ev := callOn(t, e, before, "users.getFullUser", 2); errType(ev) != "USER_MIGRATE" || ev.Err.Argument != 4 {
		t.Errorf("getFullUser on DC 2: %v, want USER_MIGRATE_4", ev.Err)
	}
	if ev := callOn(t, e, before, "users.getFullUser", 4); errType(ev) != "AUTH_KEY_UNREGISTERED" {
		t.Errorf("getFullUser on DC 4: %v, want AUTH_KEY_UNREGISTERED", ev.Err)
	}
}

// TestQRLoginOnOtherDC logs in by QR code from DC 2 to an account on DC 4:
// after the approval auth.exportLoginToken answers auth.loginTokenMigrateTo,
// and gotd's qrlogin migrates to DC 4 and imports the token there.
func TestQRLoginOnOtherDC(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a := accountOn(e, "quinn", 4)
	ctx := testContext(t)
	d := tg.NewUpdateDispatcher()
	loggedIn := qrlogin.OnLoginToken(d)
	c := connect(t, e, nil, d)
	res, err := c.QR().Auth(ctx, loggedIn, scan(t, e, a.ID, 100*time.Millisecond))
	if err != nil {
		t.Fatalf("QR login: %v", err)
	}
	if u, ok := res.User.(*tg.User); !ok || u.ID != a.ID {
		t.Fatalf("QR login user = %v, want %d", res.User, a.ID)
	}
	var migrated bool
	for _, ev := range e.Calls("auth.exportLoginToken") {
		if m, ok := ev.Result.(*tg.AuthLoginTokenMigrateTo); ok && ev.DC == 2 && m.DCID == 4 {
			migrated = true
		}
	}
	if !migrated {
		t.Error("no auth.loginTokenMigrateTo to DC 4 from DC 2")
	}
	if ev := callOn(t, e, 0, "auth.importLoginToken", 4); ev.Err != nil {
		t.Errorf("importLoginToken on DC 4: %v", ev.Err)
	}
	if self, err := c.Self(ctx); err != nil || self.ID != a.ID {
		t.Fatalf("self = %v, %v; want %d", self, err, a.ID)
	}
}

// TestQRLoginOnOtherDCWithoutUpdate is the same login when the client
// misses updateLoginToken: gotd v0.162.0 then finds the approval by
// exporting again when the token expires, and its qrlogin.Auth returns
// MigrationNeededError there instead of migrating; the caller must call
// MigrateTo and auth.importLoginToken itself.
func TestQRLoginOnOtherDCWithoutUpdate(t *testing.T) {
	t.Parallel()
	// QR tokens that expire two seconds after they are made.
	skew := -(emulator.LoginTokenTTL - 2*time.Second)
	e := start(t, emulator.Options{Now: func() time.Time { return time.Now().Add(skew) }})
	a := accountOn(e, "quinn", 4)
	ctx := testContext(t)
	c := connect(t, e, nil, nil)
	_, err := c.QR().Auth(ctx, make(chan struct{}), scan(t, e, a.ID, 0))
	var migrate *qrlogin.MigrationNeededError
	if !errors.As(err, &migrate) || migrate.MigrateTo.DCID != 4 {
		t.Fatalf("QR login: err = %v, want MigrationNeededError to DC 4", err)
	}
	if err := c.MigrateTo(ctx, 4); err != nil {
		t.Fatal(err)
	}
	if _, err := c.api.AuthImportLoginToken(ctx, migrate.MigrateTo.Token); err != nil {
		t.Fatalf("import on DC 4: %v", err)
	}
	if self, err := c.Self(ctx); err != nil || self.ID != a.ID {
		t.Fatalf("self = %v, %v; want %d", self, err, a.ID)
	}
}
