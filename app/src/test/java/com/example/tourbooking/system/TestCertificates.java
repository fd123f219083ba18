package com.example.tourbooking.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made for one test run with the JDK's own {@code keytool}, and
 * server certificates it signs: the PEM files a TLS PostgreSQL server and a
 * {@code sslmode=verify-full} client need, like the RDS CA bundle and RDS's server
 * certificate in production.
 */
final class TestCertificates {

	private static final String PASSWORD = "test-only";

	private final Path dir;

	private final String ca;

	private TestCertificates(Path dir, String ca) {
		this.dir = dir;
		this.ca = ca;
	}

	/** A new self-signed CA named {@code name}, kept in {@code dir}. */
	static TestCertificates authority(Path dir, String name) {
		TestCertificates authority = new TestCertificates(dir, name);
		authority.keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=" + name, "-validity", "2", "-ext", "bc:c", "-keystore", authority.store(name).toString());
		authority.keytool("-exportcert", "-rfc", "-alias", name, "-keystore", authority.store(name).toString(), "-file",
				authority.caPem().toString());
		return authority;
	}

	/** The CA certificate in PEM, what {@code sslrootcert} points at. */
	Path caPem() {
		return this.dir.resolve(this.ca + ".pem");
	}

	/**
	 * A server key and certificate signed by this CA for {@code localhost} and
	 * {@code 127.0.0.1}, as PostgreSQL's {@code ssl_cert_file} and {@code ssl_key_file}
	 * (key readable by its owner only, or the server refuses it).
	 */
	ServerFiles issueServerCertificate(String name) {
		Path store = store(name);
		Path request = this.dir.resolve(name + ".csr");
		Path certificate = this.dir.resolve(name + ".crt");
		keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
				"-validity", "2", "-keystore", store.toString());
		keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-file", request.toString());
		keytool("-gencert", "-alias", this.ca, "-keystore", store(this.ca).toString(), "-infile", request.toString(),
				"-outfile", certificate.toString(), "-rfc", "-validity", "2", "-ext", "san=dns:localhost,ip:127.0.0.1",
				"-ext", "eku=serverAuth");
		Path key = this.dir.resolve(name + ".key");
		try {
			Files.writeString(key, pem("PRIVATE KEY", privateKey(store, name).getEncoded()), StandardCharsets.US_ASCII);
			Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ServerFiles(certificate, key);
	}

	private Path store(String alias) {
		return this.dir.resolve(alias + ".p12");
	}

	private static PrivateKey privateKey(Path store, String alias) {
		try (InputStream in = Files.newInputStream(store)) {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(in, PASSWORD.toCharArray());
			return (PrivateKey) keyStore.getKey(alias, PASSWORD.toCharArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the key of " + alias + " from " + store, ex);
		}
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private void keytool(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A server's certificate (PEM) and its private key (PKCS#8 PEM). */
	record ServerFiles(Path certificate, Path key) {
	}

}
