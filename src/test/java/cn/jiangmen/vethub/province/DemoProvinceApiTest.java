package cn.jiangmen.vethub.province;

import java.nio.file.Path;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import cn.jiangmen.vethub.source.SourceFileReader;
import cn.jiangmen.vethub.source.SourceRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo stand-in of the provincial API (served under the {@code demo} profile) speaks
 * the real protocol: client-credentials token, bearer calls, the page envelope,
 * {@code updatedSince}, and a size cap.
 */
class DemoProvinceApiTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private ValidatorFactory validation;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.validation = Validation.buildDefaultValidatorFactory();
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("PROVINCE_CLIENT_SECRET", "demo-pw")));
		SourceRegistry registry = new SourceRegistry(Path.of("config/sources"),
				new SourceFileReader(this.validation.getValidator(), env));
		this.mvc = MockMvcBuilders
			.standaloneSetup(new DemoProvinceApi(this.json, registry, Path.of("samples/province")))
			.build();
	}

	@AfterEach
	void tearDown() {
		this.validation.close();
	}

	private String token(String secret) throws Exception {
		String body = this.mvc
			.perform(post("/demo/province/oauth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("grant_type", "client_credentials")
				.param("client_id", "jiangmen-vethub")
				.param("client_secret", secret))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return this.json.readTree(body).path("access_token").asString(null);
	}

	@Test
	void refusesWrongCredentialsAndCallsWithoutAToken() throws Exception {
		assertThat(token("wrong")).isNull();
		this.mvc.perform(get("/demo/province/api/v1/veterans"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value(401));
	}

	@Test
	void servesPagesInTheEnvelopeWithTheSizeCappedAndUpdatedSinceInclusive() throws Exception {
		String token = token("demo-pw");
		String body = this.mvc
			.perform(get("/demo/province/api/v1/veterans").header("Authorization", "Bearer " + token)
				.param("current", "3")
				.param("size", "500"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode data = this.json.readTree(body).path("data");
		assertThat(this.json.readTree(body).path("code").asInt()).isEqualTo(200);
		assertThat(data.path("size").asInt()).isEqualTo(10);
		assertThat(data.path("total").asInt()).isEqualTo(30);
		assertThat(data.path("pages").asInt()).isEqualTo(3);
		assertThat(data.path("records")).hasSize(10);

		String last = data.path("records").get(9).path("gxsj").asString();
		JsonNode since = this.json
			.readTree(this.mvc.perform(get("/demo/province/api/v1/veterans").header("Authorization", "Bearer " + token)
				.param("updatedSince", last)).andReturn().getResponse().getContentAsString())
			.path("data");
		assertThat(since.path("total").asInt()).isEqualTo(1);
		assertThat(since.path("records").get(0).path("gxsj").asString()).isEqualTo(last);
	}

}
