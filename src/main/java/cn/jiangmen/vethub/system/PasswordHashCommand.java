package cn.jiangmen.vethub.system;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Makes the BCrypt hash of a password for {@code hub.security.users[].password-hash},
 * with the hub's own encoder, without starting the hub. The password is read from the
 * terminal without echo (or from standard input when piped), never from the command line,
 * so it stays out of the shell history:
 *
 * <pre>
 * java -Dloader.main=cn.jiangmen.vethub.system.PasswordHashCommand \
 *      -cp target/vethub-0.1.0-SNAPSHOT.jar org.springframework.boot.loader.launch.PropertiesLauncher
 * </pre>
 */
public final class PasswordHashCommand {

	static final int MIN_LENGTH = 12;

	private PasswordHashCommand() {
	}

	public static void main(String[] args) throws IOException {
		char[] password = read();
		try {
			if (password.length < MIN_LENGTH) {
				System.err.println("Refused: a console password needs at least " + MIN_LENGTH + " characters.");
				System.exit(2);
			}
			System.out.println(hash(password));
		}
		finally {
			Arrays.fill(password, '\0');
		}
	}

	static String hash(char[] password) {
		return new BCryptPasswordEncoder(10).encode(java.nio.CharBuffer.wrap(password));
	}

	private static char[] read() throws IOException {
		Console console = System.console();
		if (console != null) {
			char[] first = console.readPassword("Password: ");
			char[] again = console.readPassword("Again:    ");
			if (first == null || !Arrays.equals(first, again)) {
				System.err.println("The two passwords differ.");
				System.exit(2);
			}
			Arrays.fill(again, '\0');
			return first;
		}
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line = in.readLine();
		return (line != null) ? line.toCharArray() : new char[0];
	}

}
