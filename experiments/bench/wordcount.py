# Benchmark: dict and string work (word counting on generated text).
SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "an", "el", "or", "iv"]
PUNCT = [",", ".", "", "", "", "!", "?", ";", "", ""]

def generate(n_words, seed=12345):
    state = seed
    words = []
    for _ in range(n_words):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        length = 1 + state % 3
        word = ""
        s = state
        for _ in range(length):
            word += SYLLABLES[s % len(SYLLABLES)]
            s //= len(SYLLABLES)
        if state % 7 == 0:
            word = word.capitalize()
        words.append(word + PUNCT[(state >> 8) % len(PUNCT)])
    return " ".join(words)

def count_words(text):
    counts = {}
    for raw in text.split():
        word = raw.strip(",.!?;").lower()
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts

text = generate(500_000)
counts = {}
for _ in range(5):
    counts = count_words(text)
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
print(len(text), len(counts))
for word, n in top:
    print(f"{word:<10}{n:>8}")
