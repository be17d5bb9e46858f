package io.accesshub.bootstrap.metrics;

import io.accesshub.application.port.in.ReceiveWebhookUseCase;
import io.accesshub.application.port.out.HubMetrics;
import java.util.Objects;

/** Takes webhooks in through the intake service and counts each result ({@code accepted}, {@code duplicate}, ...). */
public final class MeteredWebhookIntake implements ReceiveWebhookUseCase {

    private final ReceiveWebhookUseCase intake;
    private final HubMetrics metrics;

    public MeteredWebhookIntake(ReceiveWebhookUseCase intake, HubMetrics metrics) {
        this.intake = Objects.requireNonNull(intake, "intake");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public ReceiveResult receive(ReceivedWebhook webhook) {
        return counted(intake.receive(webhook));
    }

    @Override
    public ReceiveResult receiveForApp(String appName, ReceivedWebhook webhook) {
        return counted(intake.receiveForApp(appName, webhook));
    }

    private ReceiveResult counted(ReceiveResult result) {
        metrics.webhookIntake(outcome(result));
        return result;
    }

    /** The label value of a result: a bounded set, documented in docs/operations.md. */
    static String outcome(ReceiveResult result) {
        return switch (result) {
            case STORED -> "accepted";
            case DUPLICATE -> "duplicate";
            case REFUSED -> "refused";
            case MISSING_TIMESTAMP -> "refused_missing_timestamp";
            case DROPPED -> "dropped_unknown_app";
            case UNKNOWN_APP -> "refused_unknown_app_url";
            case APP_MISMATCH -> "refused_app_mismatch";
        };
    }
}
