package cn.jiangmen.vethub.normalize;

import java.time.LocalDate;

import cn.jiangmen.vethub.ops.PersonalDataMask;

/**
 * A valid 18-character GB 11643-1999 ID number with what it says about its holder.
 * {@link #toString()} masks the number, so an {@code IdCard} that reaches a log line does
 * not leak it.
 *
 * @param number the 18 characters, digits and an upper-case {@code X} check digit
 * @param birthDate the birth date encoded in characters 7 to 14
 * @param gender {@code "M"} when the 17th digit is odd, else {@code "F"}
 */
public record IdCard(String number, LocalDate birthDate, String gender) {

	/** The two-digit province code (the first two characters). */
	public String provinceCode() {
		return this.number.substring(0, 2);
	}

	/** The six-digit region code (the first six characters). */
	public String regionCode() {
		return this.number.substring(0, 6);
	}

	@Override
	public String toString() {
		return "IdCard[" + PersonalDataMask.idCard(this.number) + ", " + this.birthDate + ", " + this.gender + "]";
	}

}
