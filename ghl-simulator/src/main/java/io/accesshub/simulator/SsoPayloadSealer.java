package io.accesshub.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals SSO payloads as CryptoJS's {@code AES.encrypt(text, passphrase)} does (OpenSSL {@code enc} format): base64 of
 * {@code "Salted__"} + 8-byte salt + AES-256-CBC/PKCS#7 ciphertext, key and IV from EVP_BytesToKey(MD5, 1 round).
 */
public final class SsoPayloadSealer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SsoPayloadSealer() {
    }

    /** The payload for {@code plaintext} under {@code passphrase}, with a random salt. */
    public static String seal(String passphrase, byte[] plaintext) {
        byte[] salt = new byte[8];
        RANDOM.nextBytes(salt);
        return seal(passphrase, salt, plaintext);
    }

    /** The payload for {@code plaintext} under {@code passphrase} with this 8-byte salt. */
    public static String seal(String passphrase, byte[] salt, byte[] plaintext) {
        if (salt.length != 8) {
            throw new IllegalArgumentException("the salt has 8 bytes");
        }
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] keyAndIv = new byte[48];
            byte[] previous = new byte[0];
            for (int filled = 0; filled < keyAndIv.length; filled += previous.length) {
                md5.update(previous);
                md5.update(passphrase.getBytes(StandardCharsets.UTF_8));
                md5.update(salt);
                previous = md5.digest();
                System.arraycopy(previous, 0, keyAndIv, filled, Math.min(previous.length, keyAndIv.length - filled));
            }
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyAndIv, 0, 32, "AES"),
                new IvParameterSpec(keyAndIv, 32, 16));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[16 + sealed.length];
            System.arraycopy("Salted__".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 8);
            System.arraycopy(salt, 0, out, 8, 8);
            System.arraycopy(sealed, 0, out, 16, sealed.length);
            Arrays.fill(keyAndIv, (byte) 0);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC or MD5 is not available", e);
        }
    }
}
