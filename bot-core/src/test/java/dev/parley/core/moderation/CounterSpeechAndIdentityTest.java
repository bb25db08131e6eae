package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #15: under the default policy, counter-speech that quotes or names a slur, negated
 * statements and neutral mentions of identity pass with no flag at all, in English and
 * Portuguese, while hate and direct insults, plainly written or half hidden, are still caught.
 * Sentences written for this test.
 */
class CounterSpeechAndIdentityTest {

    private static ModerationResult judge(String text) {
        return LexicalJudge.judge(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "calling someone a faggot is unacceptable",
            "calling someone a fag is never ok",
            "calling people a tranny is disgusting",
            "I hate it when people say gays are vermin",
            "I hate it when people say immigrants are vermin",
            "I hate it when people call trans people freaks",
            "people who call women sluts are disgusting",
            "don't call anyone a faggot",
            "never call someone a dyke",
            "stop calling black people monkeys",
            "saying that muslims are terrorists is hateful",
            "\"gays are disgusting\" is a horrible thing to say",
            "you can't say that women are inferior",
            "it's wrong to say immigrants are criminals",
            "it's disgusting that you called him a faggot",
            "nobody should ever be called a faggot",
            "no one deserves to be called a faggot",
            "I hate people who say gays are disgusting",
            "não chame ninguém de viado",
            "não chame ninguém de macaco",
            "chamar alguém de viado é homofobia",
            "chamar alguém de macaco é racismo",
            "é errado dizer que gays são nojentos",
            "odeio quando as pessoas dizem que imigrantes são vermes",
            "se alguém disser que gays são nojentos, denuncie",
            "parem de chamar mulheres de vadias",
            "dizer que nordestinos são burros é preconceito",
            "ninguém merece ser chamado de bicha",
            "não chame ninguém de bicha"})
    void evaluate_counterSpeechQuotingOrNamingASlur_passesUnflagged(String text) {
        assertThat(judge(text).flaggedCategories()).as(text).isEmpty();
        assertThat(judge(text).verdict().blocked()).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I don't hate gay people",
            "I do not hate gay people",
            "immigrants are not criminals",
            "gays are not disgusting",
            "women are not inferior",
            "I would never say gays are disgusting",
            "muslims are not terrorists",
            "I have nothing against trans people",
            "black people are not animals",
            "I don't think immigrants are vermin",
            "no one should hate gay people",
            "não odeio ninguém",
            "não odeio gays",
            "imigrantes não são criminosos",
            "gays não são nojentos",
            "mulheres não são inferiores",
            "eu não tenho nada contra gays",
            "negros não são macacos",
            "ninguém deveria odiar gays",
            "não acho que nordestinos sejam burros"})
    void evaluate_negatedStatement_passesUnflagged(String text) {
        assertThat(judge(text).flaggedCategories()).as(text).isEmpty();
        assertThat(judge(text).verdict().blocked()).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "the CEO is gay",
            "my sister is a lesbian",
            "he is a muslim",
            "she is black",
            "my friend is trans",
            "I am gay",
            "the teacher is an immigrant",
            "my neighbour is jewish",
            "my boss is a gay man",
            "o CEO é gay",
            "sou negro e tenho orgulho",
            "minha irmã é lésbica",
            "ele é gay e casado",
            "meu irmão é gay",
            "ela é trans",
            "meu vizinho é judeu",
            "sou imigrante",
            "a professora é negra",
            "meu chefe é muçulmano",
            "ele é gay"})
    void evaluate_neutralIdentityStatement_passesUnflagged(String text) {
        assertThat(judge(text).flaggedCategories()).as(text).isEmpty();
        assertThat(judge(text).verdict().blocked()).as(text).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "gays are disgusting",
            "you are a f*ggot",
            "you are a faggot",
            "you're an idiot",
            "you are stupid",
            "você é um idiota",
            "seu viado",
            "gays são nojentos",
            "I hate gays",
            "immigrants are vermin",
            "all muslims should die",
            "vai se foder seu merda",
            "fuck you",
            "you stupid bitch",
            "sua vadia",
            "imigrantes são vermes",
            "odeio gays",
            "women are inferior",
            "gays should be killed",
            "muslims are terrorists",
            "you f@ggot",
            "u r a f4ggot",
            "you f**king idiot",
            "shut up b*tch",
            "esse v*ado"})
    void evaluate_hateAndDirectInsults_areStillFlagged(String text) {
        assertThat(judge(text).flaggedCategories()).as(text)
                .containsAnyOf(Category.HATE, Category.HATE_THREATENING, Category.HARASSMENT);
    }
}
