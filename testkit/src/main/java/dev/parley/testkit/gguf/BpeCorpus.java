package dev.parley.testkit.gguf;

/**
 * The text {@link BytePairVocabulary} learns its merges from: short chat lines in English and
 * Portuguese, written for Parley's tests. Portuguese brings accented letters (two UTF-8 bytes
 * each), so the merges include tokens for {@code ç}, {@code ã}, {@code é} and whole accented words;
 * words repeat so that common ones become single tokens with their leading space ({@code Ġthe}).
 * Changing this text changes every generated BPE vocabulary.
 */
final class BpeCorpus {

    static final String TEXT = """
            Hello! How are you today? I am fine, thank you. The bot is here to help you.
            Good morning, and welcome to the chat. What would you like to talk about today?
            The weather is good and the sun is out. I would like to talk about the garden.
            Thank you for the help. You are welcome. Please tell me more about the garden.
            The garden has a tree, a small pond and many flowers. The flowers are red and yellow.
            Can you tell me the time? It is ten past three in the afternoon.
            I think that the answer is yes, but the question is a good one.
            Olá! Como você está hoje? Eu estou bem, obrigado. O bot está aqui para ajudar você.
            Bom dia, e bem-vindo à conversa. Sobre o que você gostaria de falar hoje?
            A informação está correta e a explicação é clara. Não há problema nenhum.
            Obrigado pela ajuda! De nada. Você pode falar mais sobre o jardim, por favor?
            O jardim tem uma árvore, um lago pequeno e muitas flores. As flores são vermelhas.
            A canção é bonita e o coração está feliz. A atenção e a paciência são importantes.
            Não sei se é verdade, mas a questão é boa. Então, você está bem? Sim, estou bem.
            Até amanhã! Boa noite e obrigado pela conversa. A situação está ótima, não é?
            Você já tomou café? Ainda não, mas vou tomar um café com pão agora.
            A aplicação está pronta. A configuração é simples e a instalação é rápida.
            Hello again! Are you there? Yes, I am here. The chat is open and the bot is ready.
            Could you help me with a question about the garden? Of course, I would like to help.
            The flowers in the garden need water every morning and the tree needs more sun.
            What time is it now? It is nine in the morning. Thank you, that is good to know.
            I would like a cup of coffee with bread, please. Here you are. Thank you very much!
            The question was good and the answer was clear. Would you like to know more?
            Tell me about your day. My day was good: I read a book and talked with a friend.
            Where is the book? The book is on the table, next to the flowers and the coffee.
            Please write the answer in the chat. The bot will read it and answer the question.
            Você pode me ajudar com uma pergunta sobre o jardim? Claro, eu gostaria de ajudar.
            As flores do jardim precisam de água todas as manhãs e a árvore precisa de mais sol.
            Que horas são agora? São nove horas da manhã. Obrigado, é bom saber.
            Eu gostaria de um café com pão, por favor. Aqui está. Muito obrigado!
            A pergunta foi boa e a resposta foi clara. Você gostaria de saber mais?
            Fale sobre o seu dia. O meu dia foi bom: eu li um livro e conversei com um amigo.
            Onde está o livro? O livro está na mesa, ao lado das flores e do café.
            Por favor, escreva a resposta na conversa. O bot vai ler e responder à pergunta.
            A solução é fácil: a decisão está tomada e a organização da informação é ótima.
            Não, não é possível. Sim, é possível, mas a situação não está clara ainda.
            """;

    private BpeCorpus() {}
}
