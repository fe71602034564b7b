package cdcdemo.messages.masking;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Masking on Jackson trees: at any depth, in arrays, inside a string that holds JSON, in
 * keys and headers; nulls kept; equal values masked alike; and who sees what.
 */
class MaskingTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final Masking masking = Masking.of(this.json, List.of("email", "phone"));

	private final View masked = this.masking.masked();

	@AfterEach
	void logOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void masksTheFieldsAtAnyDepthAndInArraysButKeepsNulls() {
		JsonNode tree = tree("""
				{"payload":{"after":{"id":1,"email":"ada@example.com","phone":null,"name":"Ada"},
				 "contacts":[{"email":"grace@example.com"},{"email":null},"ada@example.com"]}}""");

		JsonNode shown = this.masked.tree(tree);

		assertThat(shown.toString()).doesNotContain("grace@example.com").containsOnlyOnce("ada@example.com");
		assertThat(shown.at("/payload/after/email").asString()).matches("masked:[0-9a-f]{8}");
		assertThat(shown.at("/payload/after/phone").isNull()).isTrue();
		assertThat(shown.at("/payload/after/name").asString()).isEqualTo("Ada");
		assertThat(shown.at("/payload/after/id").asInt()).isEqualTo(1);
		assertThat(shown.at("/payload/contacts/0/email").asString()).startsWith("masked:");
		assertThat(shown.at("/payload/contacts/1/email").isNull()).isTrue();
		assertThat(shown.at("/payload/contacts/2").asString()).as("a value in no masked field")
			.isEqualTo("ada@example.com");
		assertThat(tree.at("/payload/after/email").asString()).as("the original is left alone")
			.isEqualTo("ada@example.com");
	}

	@Test
	void masksEqualValuesAlikeAndDifferentOnesApart() {
		JsonNode shown = this.masked.tree(tree("""
				[{"email":"ada@example.com"},{"email":"ada@example.com"},{"email":"grace@example.com"}]"""));

		assertThat(shown.at("/0/email")).isEqualTo(shown.at("/1/email"));
		assertThat(shown.at("/0/email")).isNotEqualTo(shown.at("/2/email"));
		assertThat(Masking.of(this.json, List.of("email")).masked().tree(tree("{\"email\":\"ada@example.com\"}")))
			.as("another start draws another key")
			.isNotEqualTo(this.masked.tree(tree("{\"email\":\"ada@example.com\"}")));
	}

	@Test
	void masksAWholeObjectOrArrayInAMaskedFieldAndTheFieldsOfJsonInAString() {
		JsonNode shown = this.masked.tree(tree("""
				{"email":{"work":"ada@example.com"},"phone":["+41 1"],
				 "profile":"{\\"email\\":\\"ada@example.com\\",\\"city\\":\\"Bern\\"}","bio":"{not json"}"""));

		assertThat(shown.get("email").asString()).startsWith("masked:");
		assertThat(shown.get("phone").asString()).startsWith("masked:");
		JsonNode profile = tree(shown.get("profile").asString());
		assertThat(profile.get("email").asString()).startsWith("masked:");
		assertThat(profile.get("city").asString()).isEqualTo("Bern");
		assertThat(shown.get("bio").asString()).isEqualTo("{not json");
	}

	@Test
	void returnsWhatHoldsNothingToMaskItselfAndTheClearViewMasksNothing() {
		JsonNode tree = tree("{\"id\":1,\"rows\":[{\"name\":\"Ada\"}]}");
		String text = "{ \"id\" : 1 }";

		assertThat(this.masked.tree(tree)).isSameAs(tree);
		assertThat(this.masked.text(text)).isSameAs(text);
		assertThat(this.masked.text("not json {<b>")).isEqualTo("not json {<b>");
		assertThat(this.masked.text(null)).isNull();
		JsonNode sensitive = tree("{\"email\":\"ada@example.com\"}");
		assertThat(this.masking.clear().tree(sensitive)).isSameAs(sensitive);
		assertThat(this.masking.clear().text("{\"email\":\"ada@example.com\"}")).contains("ada@example.com");
	}

	@Test
	void masksKeysAndHeadersAndWithholdsJsonItCannotParse() {
		assertThat(this.masked.text("{\"schema\":{},\"payload\":{\"email\":\"ada@example.com\"}}"))
			.startsWith("{\"schema\":{},\"payload\":{\"email\":\"masked:")
			.doesNotContain("ada@example.com");
		assertThat(this.masked.header("__debezium.oldkey", "{\"email\":\"ada@example.com\"}"))
			.doesNotContain("ada@example.com");
		assertThat(this.masked.header("email", "ada@example.com")).startsWith("masked:");
		assertThat(this.masked.header("origin", "web")).isEqualTo("web");
		assertThat(this.masked.text("{\"payload\":{\"email\":\"ada@exam")).as("a value cut short")
			.isEqualTo(Masking.WITHHELD);
	}

	@Test
	void withholdsFreeTextThatQuotesAMaskedValue() {
		String value = "{\"payload\":{\"after\":{\"email\":\"ada@example.com\"}}}";

		assertThat(this.masked.freeText("no user for ada@example.com", "{\"id\":1}", value))
			.isEqualTo(View.QUOTES_MASKED);
		assertThat(this.masked.freeText("no email in event at offset 1", "{\"id\":1}", value))
			.isEqualTo("no email in event at offset 1");
		assertThat(this.masking.clear().freeText("no user for ada@example.com", value))
			.isEqualTo("no user for ada@example.com");
	}

	@Test
	void showsClearValuesToAnAdminOnly() {
		assertThat(this.masking.forCurrentUser().isClear()).as("no login").isFalse();
		for (String role : List.of("VIEWER", "OPERATOR")) {
			logIn(role);
			assertThat(this.masking.forCurrentUser().isClear()).as(role).isFalse();
		}
		logIn("ADMIN");
		assertThat(this.masking.forCurrentUser().isClear()).isTrue();
	}

	private static void logIn(String role) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(role.toLowerCase(), "n/a",
					AuthorityUtils.createAuthorityList("ROLE_" + role)));
	}

	private JsonNode tree(String text) {
		return this.json.readTree(text);
	}

}
