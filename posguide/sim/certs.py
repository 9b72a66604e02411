"""Certificates for the simulated TLS host: a throwaway training CA (keys only in memory) and
server certificates that are ``valid``, ``expired``, ``wrong_name``, ``untrusted`` (signed by a
CA the client does not trust) or ``expiring`` (5 days left)."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CertKind = Literal["valid", "expired", "wrong_name", "untrusted", "expiring"]


class TrainingCA:
    """A throwaway certificate authority; the keys live only in memory and a temp dir."""

    def __init__(self, name: str = "posguide training CA") -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = datetime.now(UTC)
        public = self.key.public_key()
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(ca=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .sign(self.key, hashes.SHA256())
        )

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def issue(self, names: list[str], not_before: datetime, not_after: datetime) -> bytes:
        """A server certificate and its key, PEM, for DNS names and IP addresses."""
        key = ec.generate_private_key(ec.SECP256R1())
        alt: list[x509.GeneralName] = []
        for name in names:
            try:
                alt.append(x509.IPAddress(ipaddress.ip_address(name)))
            except ValueError:
                alt.append(x509.DNSName(name))
        ca_ski = x509.SubjectKeyIdentifier.from_public_key(self.key.public_key())
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(ca=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), False
            )
            .sign(self.key, hashes.SHA256())
        )
        key_pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return cert.public_bytes(serialization.Encoding.PEM) + key_pem


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca, content_commitment=False, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip


def server_certificate(ca: TrainingCA, kind: CertKind, names: list[str]) -> bytes:
    """A server certificate of this kind and its key, PEM, issued now by ``ca`` for ``names``
    (``untrusted``: by another, throwaway CA)."""
    now = datetime.now(UTC)
    start, end = now - timedelta(days=30), now + timedelta(days=365)
    if kind == "expired":
        start, end = now - timedelta(days=400), now - timedelta(days=3)
    elif kind == "expiring":
        end = now + timedelta(days=5, hours=1)
    elif kind == "wrong_name":
        names = ["wrong-name.invalid"]
    elif kind == "untrusted":
        ca = TrainingCA("posguide untrusted CA")
    return ca.issue(names, start, end)
