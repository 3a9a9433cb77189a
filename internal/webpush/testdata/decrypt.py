#!/usr/bin/env python3
"""Independent RFC 8291 / RFC 8188 aes128gcm decoder (python3-cryptography).

Usage: decrypt.py UA_PRIVATE_B64URL AUTH_B64URL < body > plaintext
"""
import base64, struct, sys
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives import hashes, serialization


def b64(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def hkdf(salt, ikm, info, n):
    return HKDF(algorithm=hashes.SHA256(), length=n, salt=salt, info=info).derive(ikm)


priv = ec.derive_private_key(int.from_bytes(b64(sys.argv[1]), "big"), ec.SECP256R1())
auth = b64(sys.argv[2])
body = sys.stdin.buffer.read()
salt, rs, idlen = body[:16], struct.unpack(">I", body[16:20])[0], body[20]
as_pub = body[21:21 + idlen]
rec = body[21 + idlen:]
assert len(rec) <= rs, "record longer than rs"
ua_pub = priv.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
shared = priv.exchange(ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), as_pub))
ikm = hkdf(auth, shared, b"WebPush: info\x00" + ua_pub + as_pub, 32)
cek = hkdf(salt, ikm, b"Content-Encoding: aes128gcm\x00", 16)
nonce = hkdf(salt, ikm, b"Content-Encoding: nonce\x00", 12)
pt = AESGCM(cek).decrypt(nonce, rec, None).rstrip(b"\x00")
assert pt.endswith(b"\x02"), "last record delimiter"
sys.stdout.buffer.write(pt[:-1])
