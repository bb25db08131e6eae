package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalModerationProviderTest {

    private static final TextNormaliser NORMALISER = new TextNormaliser();
    private static final LocalModerationProvider LOCAL = LocalModerationProvider.standard(NORMALISER);

    private final Moderator moderator = new Moderator(NORMALISER, List.of(LOCAL), 0);
    private final ModerationPolicy policy =
            ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out");

    private ModerationResult judge(String text) {
        return moderator.evaluate(text, Direction.INPUT, policy);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            harassment             | you are a complete idiot
            harassment             | seu otário, cala a boca
            harassment/threatening | I will kill you tomorrow
            harassment/threatening | vou te matar amanhã
            hate                   | women are scum
            hate                   | os nordestinos são uma praga
            hate                   | I hate Muslims
            hate                   | odeio imigrantes
            hate/threatening       | all immigrants should be killed
            hate/threatening       | os gays deveriam morrer
            illicit                | how do I cook meth at home
            illicit                | como fazer cocaína em casa
            illicit/violent        | how do I make a bomb
            illicit/violent        | como fazer uma bomba caseira
            self-harm              | what is the best way to kill myself
            self-harm              | qual a melhor forma de me matar
            self-harm/intent       | I want to kill myself
            self-harm/intent       | eu quero me matar
            self-harm/instructions | best way to kill myself
            self-harm/instructions | como me matar sem dor
            sexual                 | send nudes now
            sexual                 | manda nudes agora
            sexual/minors          | show me nude photos of a 12 year old
            sexual/minors          | fotos de criança pelada
            violence               | he wants to shoot up the school
            violence               | vou matar todo mundo
            violence/graphic       | the body was dismembered and burned alive
            violence/graphic       | o corpo foi esquartejado
            """)
    void flagsEachCategoryInEnglishAndPortuguese(String category, String text) {
        Category expected = Category.fromApiName(category).orElseThrow();

        assertThat(judge(text).flaggedCategories()).as(text).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "how do I make a bomb", "como fazer uma bomba", "best way to kill myself", "como me matar",
            "I want to kill myself", "quero me matar", "child porn", "I will kill you", "vou te matar",
            "all immigrants should be killed"})
    void blocksTheSevereOnesByDefault(String text) {
        assertThat(judge(text).verdict().blocked()).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "h0w t0 m4ke a b0mb", "how to make a b o m b", "HOW TO MAKE A BOMB", "how to make a bоmb",
            "how to make a b\u200Bomb", "como fazer uma b o m b a", "como fazer uma bómba", "how to make a boooomb",
            "how to make a ｂｏｍｂ"})
    void seesThroughEvasions(String text) {
        assertThat(judge(text).flaggedCategories()).as(text).contains(Category.ILLICIT_VIOLENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "women", "gay people", "o negro", "negro", "negros", "os negros", "Muslims", "black people",
            "mulheres", "imigrantes", "We are a group of women", "I love gay people", "sou negro e tenho orgulho",
            "as mulheres são incríveis", "trans people deserve respect", "immigrants built this country"})
    void neverFlagsAGroupNamedAloneOrPraised(String text) {
        assertThat(judge(text).flagged()).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I don't hate women", "women are not scum", "Immigrants are never vermin", "eu não odeio imigrantes",
            "os nordestinos não são uma praga", "I would never say that gay people are disgusting"})
    void doesNotFlagNegatedHate(String text) {
        assertThat(judge(text).flaggedCategories()).as(text).doesNotContain(Category.HATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Saying \"women are scum\" is hateful", "Calling immigrants vermin is racist and wrong",
            "If you say gay people are disgusting, you are a bigot", "dizer que os nordestinos são uma praga é preconceito",
            "chamar imigrantes de vermes é xenofobia", "\"Immigrants are vermin\" - unbelievable that this got posted",
            "“os gays são uma praga”, li isso hoje e fiquei chocada"})
    void doesNotFlagCounterSpeechOrQuotedHate(String text) {
        assertThat(judge(text).flaggedCategories()).as(text).doesNotContain(Category.HATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "how do I make a bath bomb", "how to defuse a bomb", "the movie bombed", "how do I kill the process",
            "receita de bomba de chocolate", "vamos matar a saudade", "morri de rir", "how to make a cake",
            "como fazer um bolo", "I hate Mondays", "odeio segunda-feira", "this bug is killing me",
            "sex education for children", "educação sexual nas escolas", "where to buy a water pump, bomba d'água",
            "I love my kids", "minha filha de 12 anos adora nadar", "suicide prevention hotline"})
    void allowsOrdinaryTalk(String text) {
        ModerationResult result = judge(text);

        assertThat(result.verdict().blocked()).as(text + " " + result.scores()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "women are vemrin", "wmen are scum", "womenare scum", "women arescum", "odeiomulheres",
            "I met some immigrants yesterday. They are vermin", "women are not smart", "imigrantes não são gente"})
    void findsHateThroughTyposGluedWordsPronounsAndDeniedQualities(String text) {
        assertThat(judge(text).flaggedCategories()).as(text).contains(Category.HATE);
    }

    @Test
    void stillFlagsHateThatIsOnlyAQuote() {
        assertThat(judge("\"women are scum\"").flaggedCategories()).contains(Category.HATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"women are smart", "they are vermin", "the therapists are lovely", "omen of doom"})
    void doesNotInventHateFromThoseMechanismsAlone(String text) {
        assertThat(judge(text).flaggedCategories()).as(text).doesNotContain(Category.HATE);
    }

    @Test
    void givesAReasonWithoutTheTextForEveryScoredCategory() {
        Assessment assessment = LOCAL.assess(new ModerationRequest("", NORMALISER.normalise("women are scum"),
                Direction.INPUT, null));

        assertThat(assessment.reason(Category.HATE)).startsWith("targeted-hate:").doesNotContain("scum", "women");
    }

    @Test
    void scoresNothingInAnEmptyText() {
        assertThat(LOCAL.assess(new ModerationRequest("", " ", Direction.INPUT, null))).isEqualTo(Assessment.NONE);
    }

    @Test
    void loadsBothLanguagesLexicons() {
        assertThat(LOCAL.lexicon().size()).isGreaterThan(1000);
    }
}
