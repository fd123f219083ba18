package com.example.tourbooking.mockapiserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds a server TLS context from the PEM files {@code openssl} writes (a certificate
 * and an unencrypted PKCS#8 RSA key), as the test's CA issues them.
 */
final class PemTls {

	private PemTls() {
	}

	static SSLContext serverContext(Path certificate, Path key) throws IOException, GeneralSecurityException {
		Certificate[] chain;
		try (InputStream in = Files.newInputStream(certificate)) {
			chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
		}
		String pem = Files.readString(key);
		if (!pem.contains("BEGIN PRIVATE KEY")) {
			throw new IllegalArgumentException(key + " must be an unencrypted PKCS#8 key (BEGIN PRIVATE KEY)");
		}
		byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
		PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		char[] password = new char[0];
		store.setKeyEntry("server", privateKey, password, chain);
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, password);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

}
