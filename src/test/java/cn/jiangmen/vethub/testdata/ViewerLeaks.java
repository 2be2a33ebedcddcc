package cn.jiangmen.vethub.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import cn.jiangmen.vethub.FormLoginSession;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything a VIEWER can read about a run, and the assertion that none of it gives a
 * person away: the console's pages (sources, runs, the run with its rejected rows, also
 * when asking to unmask, reports), every report's XLSX export, the API replies, and the
 * run's feedback file. Each text is searched whole, not by known headers: for each sample
 * person no ID number (in any grouping, with spaces, hyphens or full-width digits, nor
 * its first 17 digits, nor the old 15-digit form), no phone, no name, and no full birth
 * date (ISO, yyyyMMdd, Chinese, slashes, the Excel serial) may appear.
 */
public final class ViewerLeaks {

	private static final Pattern XLSX_LINK = Pattern.compile("href=\"(/reports/[a-z0-9-]+\\.xlsx)\"");

	/** A person whose data must not leak: IDs, names, phones and a birth date. */
	public record Sample(List<String> ids, List<String> names, List<String> phones, LocalDate birth) {
	}

	private ViewerLeaks() {
	}

	/**
	 * Every text a VIEWER can read about a run, by where it came from.
	 * @param feedback the run's feedback file text, or null for a source without one
	 */
	public static Map<String, String> viewerTexts(int port, RestClient viewerApi, long runId, String feedback) {
		FormLoginSession viewer = FormLoginSession.login(port, "viewer", "viewer-test-pw");
		Map<String, String> texts = new LinkedHashMap<>();
		for (String page : List.of("/sources", "/runs", "/runs/" + runId, "/runs/" + runId + "?unmask=true",
				"/reports")) {
			HttpResponse<String> response = viewer.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(200);
			texts.put(page, response.body());
		}
		Matcher links = XLSX_LINK.matcher(texts.get("/reports"));
		Set<String> exports = new LinkedHashSet<>();
		while (links.find()) {
			exports.add(links.group(1));
		}
		assertThat(exports).as("the reports page offers its exports").isNotEmpty();
		exports.add("/runs/" + runId + "/rejects.xlsx");
		exports.add("/runs/" + runId + "/rejects.xlsx?unmask=true");
		for (String export : exports) {
			HttpResponse<byte[]> response = viewer.getBytes(export);
			assertThat(response.statusCode()).as(export).isEqualTo(200);
			texts.put(export, unzipped(response.body()));
		}
		for (String call : List.of("/api/sources", "/api/runs", "/api/runs/" + runId, "/api/status")) {
			texts.put(call, viewerApi.get().uri(call).retrieve().body(String.class));
		}
		// waiting work (issue 16): the waiting facts and the files lying in error/ and
		// the inboxes
		texts.put("/waiting", viewer.get("/waiting").body());
		for (String call : List.of("/api/waiting", "/api/alerts")) {
			texts.put(call, viewerApi.get().uri(call).retrieve().body(String.class));
		}
		if (feedback != null) {
			texts.put("feedback file", feedback);
		}
		return texts;
	}

	/** Asserts that no text holds anything of a sample person. */
	public static void assertNothingOf(Map<String, String> texts, List<Sample> samples) {
		for (Map.Entry<String, String> text : texts.entrySet()) {
			String body = text.getValue();
			String digits = separatorsDropped(body);
			String noSpaces = body.replaceAll("[\\s\\u3000]+", "");
			for (Sample s : samples) {
				for (String id : s.ids()) {
					String old15 = id.substring(0, 6) + id.substring(8, 17);
					assertThat(digits).as("%s holds the ID %s", text.getKey(), id)
						.doesNotContain(id.substring(0, 17))
						.doesNotContain(old15)
						.doesNotContain(id.substring(6, 17));
				}
				for (String phone : s.phones()) {
					assertThat(digits).as("%s holds the phone %s", text.getKey(), phone).doesNotContain(phone);
				}
				for (String name : s.names()) {
					assertThat(noSpaces).as("%s holds the name %s", text.getKey(), name).doesNotContain(name);
				}
				if (s.birth() != null) {
					for (String form : birthForms(s.birth())) {
						assertThat(body).as("%s holds the birth date %s", text.getKey(), form).doesNotContain(form);
					}
					long serial = ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), s.birth());
					assertThat(body).as("%s holds the birth date as Excel serial", text.getKey())
						.doesNotContainPattern("(?<![0-9])" + serial + "(\\.0)?(?![0-9])");
				}
			}
		}
	}

	private static List<String> birthForms(LocalDate d) {
		List<String> forms = new ArrayList<>();
		forms.add(d.toString());
		forms.add(d.format(DateTimeFormatter.BASIC_ISO_DATE));
		forms.add(d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日");
		forms.add(d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth());
		forms.add(d.getYear() + "-" + d.getMonthValue() + "-" + d.getDayOfMonth());
		forms.add(d.getYear() + "." + String.format("%02d", d.getMonthValue()) + "."
				+ String.format("%02d", d.getDayOfMonth()));
		return forms;
	}

	/** Full-width digits as ASCII, then spaces and hyphens dropped. */
	static String separatorsDropped(String text) {
		StringBuilder b = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			if (c >= '０' && c <= '９') {
				b.append((char) (c - '０' + '0'));
			}
			else if (!(Character.isWhitespace(c) || c == '-' || c == '－' || c == '\u3000' || c == '\u00A0')) {
				b.append(c);
			}
		}
		return b.toString();
	}

	/** Written the way a sender groups an ID: 4 4 4 4 2, with spaces. */
	public static String grouped(String id) {
		return id.substring(0, 4) + " " + id.substring(4, 8) + " " + id.substring(8, 12) + " " + id.substring(12, 16)
				+ " " + id.substring(16);
	}

	/** Full-width digits, as a Chinese input method types them. */
	public static String fullWidth(String ascii) {
		StringBuilder b = new StringBuilder();
		for (char c : ascii.toCharArray()) {
			b.append((c >= '0' && c <= '9') ? (char) (c - '0' + '０') : (c == 'X') ? 'Ｘ' : c);
		}
		return b.toString();
	}

	/** The text of every part of an XLSX file (sheets and shared strings). */
	private static String unzipped(byte[] xlsx) {
		// through ZipFile, which reads the central directory: a streamed workbook (POI's
		// SXSSF, the rejects export) sizes its entries only there
		StringBuilder all = new StringBuilder();
		try {
			Path file = Files.createTempFile("viewer-leaks-", ".xlsx");
			try {
				Files.write(file, xlsx);
				try (ZipFile zip = new ZipFile(file.toFile())) {
					for (ZipEntry e : java.util.Collections.list(zip.entries())) {
						try (InputStream in = zip.getInputStream(e)) {
							all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
						}
					}
				}
			}
			finally {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return all.toString();
	}

}
