package io.accesshub.adapter.http.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.http.webhook.HighLevelWebhookTranslator.Translation;
import io.accesshub.application.port.in.ReceiveWebhookUseCase.AppClaim;
import io.accesshub.application.port.in.ReceiveWebhookUseCase.ReceivedWebhook;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.PlanId;
import io.accesshub.domain.webhook.MarketplaceEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HighLevel's webhook shapes (../shared/ghl-api.md) become the hub's events, once, here. */
class HighLevelWebhookTranslatorTest {

    private static final String APP = "65f0c0ffee0123456789abcd";
    private final HighLevelWebhookTranslator translator = new HighLevelWebhookTranslator();

    private static Map<String, Object> event(String type, Object... fields) {
        Map<String, Object> json = new HashMap<>();
        json.put("type", type);
        json.put("appId", APP);
        json.put("webhookId", "wh-1");
        json.put("timestamp", "2026-11-26T10:00:00Z");
        for (int i = 0; i < fields.length; i += 2) {
            json.put((String) fields[i], fields[i + 1]);
        }
        return json;
    }

    private ReceivedWebhook translated(Map<String, Object> json) {
        Translation translation = translator.translate(json, "{\"exact\":true}");
        assertThat(translation).isInstanceOf(Translation.Translated.class);
        return ((Translation.Translated) translation).webhook();
    }

    @Test
    void aLocationInstallNamesItsLocationCompanyAndPlan() {
        ReceivedWebhook webhook = translated(event("INSTALL", "installType", "Location", "locationId", "loc-1",
            "companyId", "co-1", "planId", "plan-gold"));

        assertThat(webhook.webhookId()).isEqualTo("wh-1");
        assertThat(webhook.app()).isEqualTo(AppClaim.named(MarketplaceAppId.of(APP)));
        assertThat(webhook.timestamp()).contains(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(webhook.event()).isEqualTo(new MarketplaceEvent.Install(CompanyId.of("co-1"),
            Optional.of(LocationId.of("loc-1")), Optional.of(PlanId.of("plan-gold"))));
    }

    @Test
    void aCompanyInstallIsAnAgencyInstallEvenWhenItNamesALocation() {
        MarketplaceEvent event = translated(event("INSTALL", "installType", "Company", "locationId", "loc-1",
            "companyId", "co-1")).event();

        assertThat(event).isInstanceOfSatisfying(MarketplaceEvent.Install.class,
            install -> assertThat(install.isAgencyInstall()).isTrue());
    }

    @Test
    void aLocationCreateCarriesItsLocationInId() {
        ReceivedWebhook webhook = translated(Map.of("type", "LocationCreate", "id", "loc-9", "companyId", "co-1",
            "name", "New shop", "email", "shop@example.com", "webhookId", "wh-2"));

        assertThat(webhook.app()).isEqualTo(AppClaim.unnamed());
        assertThat(webhook.timestamp()).isEmpty();
        assertThat(webhook.event()).isEqualTo(new MarketplaceEvent.LocationCreated(CompanyId.of("co-1"),
            LocationId.of("loc-9")));
    }

    @Test
    void anUninstallNamesALocationOrACompany() {
        assertThat(translated(event("UNINSTALL", "locationId", "loc-1")).event())
            .isEqualTo(new MarketplaceEvent.Uninstall(Optional.empty(), Optional.of(LocationId.of("loc-1"))));
        assertThat(translated(event("UNINSTALL", "companyId", "co-1")).event())
            .isEqualTo(new MarketplaceEvent.Uninstall(Optional.of(CompanyId.of("co-1")), Optional.empty()));
    }

    @Test
    void aPlanChangeCarriesBothPlans() {
        assertThat(translated(event("PLAN_CHANGE", "locationId", "loc-1", "companyId", "co-1", "currentPlanId",
            "plan-basic", "newPlanId", "plan-gold")).event()).isEqualTo(new MarketplaceEvent.PlanChanged(
                Optional.of(CompanyId.of("co-1")), Optional.of(LocationId.of("loc-1")),
                Optional.of(PlanId.of("plan-basic")), Optional.of(PlanId.of("plan-gold"))));
    }

    @Test
    void anyOtherTypeKeepsHighLevelsTypeAndTheExactBody() {
        MarketplaceEvent event = translated(event("ContactCreate", "locationId", "loc-1", "id", "contact-1"))
            .event();

        assertThat(event).isEqualTo(new MarketplaceEvent.Other("ContactCreate", Optional.empty(),
            Optional.of(LocationId.of("loc-1")), "{\"exact\":true}"));
    }

    @Test
    void anAppIdThatCannotBeAnAppIsRecognisedAsSuch() {
        assertThat(translated(event("ContactCreate", "appId", "not-an-app-id")).app())
            .isEqualTo(AppClaim.unrecognisable());
    }

    @Test
    void eventsLackingWhatTheirRuleNeedsAreMalformed() {
        assertThat(translator.translate(event("INSTALL", "locationId", "loc-1"), "{}"))
            .as("install without company").isInstanceOf(Translation.Malformed.class);
        assertThat(translator.translate(event("UNINSTALL"), "{}"))
            .as("uninstall naming nothing").isInstanceOf(Translation.Malformed.class);
        assertThat(translator.translate(event("LocationCreate", "companyId", "co-1"), "{}"))
            .as("location create without id").isInstanceOf(Translation.Malformed.class);
        assertThat(translator.translate(event("INSTALL", "companyId", "co 1; drop"), "{}"))
            .as("not a HighLevel id").isInstanceOf(Translation.Malformed.class);
        assertThat(translator.translate(Map.of("type", "INSTALL"), "{}"))
            .as("no webhookId").isInstanceOf(Translation.Malformed.class);
    }

    @Test
    void storedKindsAreNamedInHighLevelsWordsForOperators() {
        assertThat(HighLevelWebhookTranslator.highLevelType(MarketplaceEvent.Kind.LOCATION_CREATED, Optional.empty()))
            .isEqualTo("LocationCreate");
        assertThat(HighLevelWebhookTranslator.highLevelType(MarketplaceEvent.Kind.OTHER, Optional.of("ContactCreate")))
            .isEqualTo("ContactCreate");
    }
}
