package dev.parley.core.moderation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The moderation every scope starts from, as configured: category settings, terms blocked and
 * allowed everywhere, the directions moderated, exempt roles, the failure mode and the notices
 * users see. A scope's own settings override these.
 *
 * @param categories settings that differ from {@link ModerationPolicy#DEFAULT_CATEGORIES}
 * @param selfHarmNotice what a user whose prompt was blocked for self-harm sees instead of the
 *     input notice: support and where to find help
 */
public record ModerationDefaults(
        Map<Category, CategorySetting> categories,
        List<String> blockedTerms,
        List<String> allowedTerms,
        Set<Direction> directions,
        Set<String> exemptRoles,
        FailureMode onFailure,
        String inputNotice,
        String outputNotice,
        String unavailableNotice,
        String selfHarmNotice) {

    /** The notice shown when a provider failed and the policy fails closed, unless configured. */
    public static final String UNAVAILABLE_NOTICE =
            "Moderation is unavailable right now, so I cannot answer; please try again in a minute.";

    /**
     * The notice for a prompt blocked for self-harm, unless configured: in English and Portuguese,
     * with the Brazilian CVV and an international directory of helplines.
     */
    public static final String SELF_HARM_NOTICE = """
            You are not alone, and you deserve support. If you are thinking about hurting yourself, please \
            talk to someone now: in Brazil, call the CVV on 188 or visit cvv.org.br (free, 24 hours); \
            elsewhere, find a helpline at findahelpline.com or call your local emergency number.
            Você não está sozinho(a) e merece apoio. Se está pensando em se machucar, converse com alguém \
            agora: no Brasil, ligue 188 para o CVV ou acesse cvv.org.br (gratuito, 24 horas); em outros \
            países, encontre uma linha de ajuda em findahelpline.com ou ligue para o número de emergência local.""";

    public ModerationDefaults {
        categories = Map.copyOf(categories);
        blockedTerms = List.copyOf(blockedTerms);
        allowedTerms = List.copyOf(allowedTerms);
        directions = Set.copyOf(directions);
        exemptRoles = Set.copyOf(exemptRoles);
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(inputNotice, "inputNotice");
        Objects.requireNonNull(outputNotice, "outputNotice");
        Objects.requireNonNull(unavailableNotice, "unavailableNotice");
        Objects.requireNonNull(selfHarmNotice, "selfHarmNotice");
    }

    /** Defaults with the standard {@link #SELF_HARM_NOTICE}. */
    public ModerationDefaults(Map<Category, CategorySetting> categories, List<String> blockedTerms,
            List<String> allowedTerms, Set<Direction> directions, Set<String> exemptRoles, FailureMode onFailure,
            String inputNotice, String outputNotice, String unavailableNotice) {
        this(categories, blockedTerms, allowedTerms, directions, exemptRoles, onFailure, inputNotice, outputNotice,
                unavailableNotice, SELF_HARM_NOTICE);
    }

    /**
     * Defaults with the standard categories, no allowed terms or exempt roles, failing open: the
     * blocked terms, directions and notices as given.
     */
    public ModerationDefaults(List<String> blockedTerms, Set<Direction> directions, String inputNotice,
            String outputNotice) {
        this(Map.of(), blockedTerms, List.of(), directions, Set.of(), FailureMode.FAIL_OPEN, inputNotice,
                outputNotice, UNAVAILABLE_NOTICE, SELF_HARM_NOTICE);
    }
}
