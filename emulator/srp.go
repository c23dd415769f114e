package emulator

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"math/big"

	"github.com/gotd/td/crypto/srp"
	"github.com/gotd/td/exchange"
	"github.com/gotd/td/tg"
)

// password is an account's 2FA secret as Telegram keeps it: only the SRP
// verifier, never the password.
type password struct {
	salt1, salt2 []byte
	g            int
	p            []byte
	v            *big.Int
	// the server's half of the exchange started by the latest getPassword
	srpID int64
	b     *big.Int
	srpB  []byte
}

var srpPrime = func() []byte {
	p, err := exchange.TestServerRNG{}.DhPrime()
	if err != nil {
		panic(err)
	}
	return p.Bytes()
}()

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

func newPassword(pw string) *password {
	p := &password{salt1: randomBytes(8), salt2: randomBytes(16), g: 3, p: srpPrime}
	v, salt1, err := srp.NewSRP(rand.Reader).NewHash([]byte(pw), srp.Input{Salt1: p.salt1, Salt2: p.salt2, G: p.g, P: p.p})
	if err != nil {
		panic(err) // only on a bad prime, which is fixed
	}
	p.salt1 = salt1
	p.v = new(big.Int).SetBytes(v)
	return p
}

func sha(parts ...[]byte) []byte {
	h := sha256.New()
	for _, b := range parts {
		h.Write(b)
	}
	return h.Sum(nil)
}

func pad256(i *big.Int) []byte {
	b := make([]byte, 256)
	return i.FillBytes(b)
}

// begin starts an SRP exchange: B = k·v + g^b mod p.
func (p *password) begin() {
	pInt := new(big.Int).SetBytes(p.p)
	g := big.NewInt(int64(p.g))
	p.b = new(big.Int).SetBytes(randomBytes(256))
	p.b.Mod(p.b, pInt)
	k := new(big.Int).SetBytes(sha(p.p, pad256(g)))
	kv := new(big.Int).Mul(k, p.v)
	gb := new(big.Int).Exp(g, p.b, pInt)
	B := kv.Add(kv, gb).Mod(kv, pInt)
	p.srpB = pad256(B)
	p.srpID = new(big.Int).SetBytes(randomBytes(7)).Int64()
}

func (p *password) algo() *tg.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow {
	return &tg.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow{
		Salt1: p.salt1, Salt2: p.salt2, G: p.g, P: p.p,
	}
}

// check verifies the client's proof M1 for its A, as the SRP server does:
// S = (A·v^u)^b mod p, K = H(S), M1 = H(H(p)⊕H(g) | H(s1) | H(s2) | A | B | K).
func (p *password) check(srpID int64, a, m1 []byte) bool {
	if p.b == nil || srpID != p.srpID {
		return false
	}
	pInt := new(big.Int).SetBytes(p.p)
	A := new(big.Int).SetBytes(a)
	if A.Sign() <= 0 || A.Cmp(pInt) >= 0 {
		return false
	}
	g := pad256(big.NewInt(int64(p.g)))
	u := new(big.Int).SetBytes(sha(pad256(A), p.srpB))
	s := new(big.Int).Exp(p.v, u, pInt)
	s.Mul(s, A).Mod(s, pInt)
	s.Exp(s, p.b, pInt)
	k := sha(pad256(s))
	hp, hg := sha(p.p), sha(g)
	x := make([]byte, len(hp))
	for i := range hp {
		x[i] = hp[i] ^ hg[i]
	}
	want := sha(x, sha(p.salt1), sha(p.salt2), pad256(A), p.srpB, k)
	// One attempt per exchange, as Telegram: a new getPassword is needed.
	p.b = nil
	return bytes.Equal(want, m1)
}
