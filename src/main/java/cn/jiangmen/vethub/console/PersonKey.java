package cn.jiangmen.vethub.console;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque key that stands for a person's ID number in URLs ({@code /persons/{key}},
 * {@code /api/persons/{key}}): an ID in a URL ends in browser histories, proxy and access
 * logs and bookmarks, and a VIEWER must not see it. The key is the ID number packed into
 * one 16-byte block (the first 17 digits as a number, the last character, and a fixed
 * marker) and encrypted with AES under a secret of the installation: the same person
 * always has the same key (links can be kept), nobody without the secret can make or read
 * one, and a key that was altered decrypts to a block without the marker and is refused.
 * One block of AES is a keyed permutation, so no mode, IV or padding is involved. Pure.
 */
final class PersonKey {

	private static final byte[] MARKER = "vethub1".getBytes(StandardCharsets.US_ASCII);

	private final SecretKeySpec key;

	/**
	 * @param secret the installation's secret (any length; hashed into an AES-256 key)
	 */
	PersonKey(byte[] secret) {
		try {
			this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(secret), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The key of an 18-character ID number (17 digits and a digit or X). */
	String of(String idCard) {
		if (idCard == null || !idCard.matches("[0-9]{17}[0-9X]")) {
			throw new IllegalArgumentException("Not a normalized ID number");
		}
		ByteBuffer block = ByteBuffer.allocate(16);
		block.putLong(Long.parseLong(idCard, 0, 17, 10));
		block.put((byte) idCard.charAt(17));
		block.put(MARKER);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(crypt(Cipher.ENCRYPT_MODE, block.array()));
	}

	/** The ID number a key stands for, or empty for anything that is not such a key. */
	Optional<String> idCard(String key) {
		if (key == null || key.length() != 22) {
			return Optional.empty();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(key);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (bytes.length != 16) {
			return Optional.empty();
		}
		ByteBuffer block = ByteBuffer.wrap(crypt(Cipher.DECRYPT_MODE, bytes));
		long digits = block.getLong();
		char last = (char) block.get();
		byte[] marker = new byte[MARKER.length];
		block.get(marker);
		if (!MessageDigest.isEqual(marker, MARKER) || digits < 0 || digits >= 100_000_000_000_000_000L
				|| !(last == 'X' || (last >= '0' && last <= '9'))) {
			return Optional.empty();
		}
		return Optional.of(String.format("%017d", digits) + last);
	}

	private byte[] crypt(int mode, byte[] block) {
		try {
			Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
			aes.init(mode, this.key);
			return aes.doFinal(block);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
