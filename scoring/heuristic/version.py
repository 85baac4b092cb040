"""The offline scorer's version: a rater id that changes whenever the same transcript could
score differently, so stored cards and benchmarks never mix two methods."""

# 2: buzzword talk and the generic-wording cap need thin explanations; 3: recitation, one
# explanation per frame of connectives, dismissals, reasoned answers, stories in plain speech;
# 4: slots filled in plain words are evidence for their dimension; 5: reciting the rubric and
# text aimed at the grader cap every level at 2; 6: red flags said in plain words (a stance
# that nothing in the round balances), speech read without its fillers, threats described in
# plain speech are not text aimed at the grader, and text aimed at the grader no longer caps
# the rest of the round (its answer still earns nothing, and it still blocks a hire); 7: text
# aimed at the grader changes no outcome (an integrity matter, not a content red flag), a
# stance's balance must commit to what it names (not turn it down or tell the model), setting
# that balance aside says the stance, practices set aside twice cap their dimension at 2, four
# concepts explained one way reach level 3, level 4 needs an answer that explains two ways at
# once, framing's level 4 needs a success metric or a scope, communication reasoned throughout
# is 4, and a behavioural lesson is read from the answer to the question about it; 8: a story's
# speaker owns it by doing many things themselves however often "we" did, and a role named in
# apposition ("our PM, Tom") stands for that role from then on; 9: false beliefs read as claims
# (what is said of temperature zero, fine-tuning, an idempotency key or a look at the outputs,
# in either order within a sentence, not negated, contrasted, asked or called a myth), and
# reasoning said plainly ("so it literally cant", "i would rather X than Y") is depth; 10: a
# check the interviewer proposes and the candidate turns down in the next answer ("I'd argue
# against it") is read against the question, and shows the red flag it would have cleared, and
# a behavioural story works with people outside engineering when the speaker and they act
# together ("the support lead and I", "I said it to the PM"), or someone who runs a team
# outside engineering is named ("Marta, who leads the claims team"); 11: what is left for later
# ("maybe later a tool for that", "no tool calls in v1", "v1 is ..., nothing written back")
# earns its dimension nothing and is no red flag; figures that break a rule of thumb of every
# model call (tokens a word, tokens written a second, a call's time, a tier's price) are named
# and cap cost and latency, with or without a brief
# 12: an exact rule said of every case is depth ("every number must match the source"), a
# level needs what its anchor asks beyond the level under it (framing's 3 a success measure,
# a scope or three targeted questions; integration's 3 more than retries; cost's 4 an
# estimate), questions said aloud without a mark are questions, a question holds no stance
# unless it states its answer, and what others should do is no lesson of the speaker's; 13: a
# round that shows two or more of the rubric's red flags is capped at 2 everywhere; 14: a
# note to whoever scores the round in plain words ("for anyone grading this interview") is
# text aimed at the grader, a second model or a guardrail on the output balances trust in the
# model, "doesn't trust the model" is no trust, mechanisms said in plain words fill their slots
# far more often ("run both versions on the same accounts", "going back is one switch"), a
# story's results are read in more words ("went back down to", "got to 97 percent"), and a
# belief said in two answers (the biggest model, a look at the outputs, a lower temperature)
# is held whatever the round names beside it, a price said per thousand tokens is checked as
# one per million is, a lower temperature said to reduce hallucinations is that belief, and
# in a story, people outside engineering called "not really technical" or what they sent
# called "mostly noise" are written off, and an upgrade called "a free win" or "at least as
# good" is the belief that upgrades only improve
# 15: a behavioural story's best ownership is a decision said out loud beside a mistake of the
# speaker's own owned ("my first draft had a hole"), a call said not to be theirs is none; its
# best collaboration a loop held with the people who use the output, wherever they are named
# (a flag button built, a review every Thursday), not one wished for; its best reflection a
# lesson applied since ("on every feature since", "it's in our checklist now"); the failure
# put on others who "didn't really get LLMs", or "I did my part", is blame; a lesson any story
# would give ("communication is important", "test more") is reflection's level 2; streaming,
# injection defence, tools and dashboards are no longer integration's (system-design 2026.12.19),
# the model said to answer the same request the same way ("temperature zero gives you the same
# output", "it's the same email, so it's the same answer") is the idempotency belief, and
# "success for me is ..." defines a success metric; temperature zero "so it doesn't get
# creative" is the belief that it cures hallucination; "the weird ones", "including messy ones"
# name edge cases, and "I wouldn't go hunting for weird ones" sets them aside; "a 20-second
# timeout" and "6,000 a day" are quantities; "the biggest one" is a model only where the sentence
# speaks of models, a time is a model call's only where the sentence names one, and "I haven't
# really had a major failure, but I can tell you how I'd handle one" is no example (behavioral
# 2026.12.9); a design round that talks about techniques in general, fewer than half of its
# naming sentences touching anything said in the round and under a dozen giving a figure,
# reaches no level 3; a case and its handling said tersely ("Model 429 or 5xx: retry with
# backoff") is a failure anticipated; found wrong on the twenty-second set: trust "where those two
# agree" is trust on a condition, "something they didn't understand" is no blame, "the issue
# was more that the requirements weren't clear" is, and the people who use the output in their
# work (paralegals, specialists, adjusters) are outside engineering
# and a contracted negation before a dismissing word takes it back ("I didn't skip the golden set")
# 16: a sentence that reuses what the interviewer said of this product (its names, systems,
# kinds of record) ties to the round with or without the brief known, beside the brief's own
# names, and general talk reads those same ties; a practice kept since ("so now on every search
# feature we ship ...", "now, with any prompt change, I ...", "on three launches since") is a
# lesson applied since, and what the speaker took from the story
# 17: a consequence after a comma is a reason, whatever it is said of ("keyed on the ticket id,
# so a retried job doesn't write twice", "async, so nobody is waiting on a spinner")
# 18: found wrong on the twenty-fourth set: what the candidate did and calls a gap or a mistake
# in the same breath ("we eyeballed like fifty, which, yeah, that's a gap") holds no red flag
# 19: in a design round, a terse answer's reason said in the sentences after the one naming the
# mechanism, with nothing new named between, explains it; level 4 needs four explaining
# sentences, not three; and a short follow-up that asks for a figure ("Roughly how many
# tokens?", "How big a set?") answered with none, in that answer or the next, keeps the
# dimension it is about at 2 (system-design 2026.12.20: cost, evaluation and regressions)
# 20: in a story, a call made in plain verbs ("I signed it off", "I moved everyone back", "I
# accepted that trade-off") is a decision owned, and a practice kept "now on everything" is a
# lesson applied since
# 21: in a story, a thing done with people outside engineering ("we'd built a golden set with
# the customer success team") is working with them, and a loop wished for ("next time I'd set
# up a weekly review with support") is no loop held, whoever it names
# 22: where a dimension's level 4 works figures through, level 4 needs that many sentences on it
# that say a figure (system-design 2026.12.22: seven for cost and latency, five for evaluation,
# four for integration): the mechanisms with a figure or two said in passing are its level 3
# 23: "What questions do you have for me?" opens the candidate's own questions as "any
# questions for me?" did: what they ask from then on is about the job, not framing the problem
# 24: framing's targeted questions are how it explains itself: three of them with something
# made of the answers (an assumption stated, a success measure, a scope) are its level 3, where
# only two concepts explained two ways were
# 25: a false belief taken back in the same sentence ("newer models are generally better, but
# you can't assume that for your use case", "... but you still check") is no claim
# 26: a reason beside the numbers is as deep as a trade-off or a failure mode for level 4 (the
# default `deep_with`); a case gone wrong and what is done then ("if they're not, we blank the
# field") is a failure mode; "I'd rather spend the weeks on X than build Y" sets Y aside; a
# practice said in the negative ("I wouldn't make a field required unless ...") is a lesson
# (system-design 2026.12.32: cost waved away, the idempotency key that returns the same job,
# hallucination as randomness in other words; behavioral 2026.12.12: blame and writing off
# support in other words)
# 27: found on the thirty-fifth set: "X doesn't mean Y" ("newer doesn't mean better for our
# categories") is a reason; the model kept fixed in plain words ("stays fixed until we decide to
# change it", "I wouldn't let the provider move us") is pinning; a belief put to the test ("see
# if it gives the same answer") is no claim (system-design 2026.12.33); "if our side had been
# right" owns the failure, and "the support folks don't really understand how the model works"
# writes support off (behavioral 2026.12.13)
# 28: "I'd rather ... than build Y" sets Y aside only after those verbs themselves ("than
# users read it" is not "than use"; no held-out card moved)
# 29: found on the thirty-ninth set: a check said in plain words ("pull out every number and
# look each one up in the fact sheet", "every label must be on the list") is detection, and
# "from that sheet and nothing else" prevention; compound numbers in words ("seventy-five
# hundred") are read whole, and an amount over a night or an hour says so; a figure of what the
# model writes, of one item of several, of a part of a request's cost or of a pilot's month is
# not checked as the whole request's (with the brief known, eight strong rounds' cost caps were
# these); a call that needs no model is no model call (system-design 2026.12.35: temperature
# "would be zero", "each generation is better than the last", "automatically benefit from the
# improvements"; behavioral 2026.12.16: "another team's thing", "I did what was asked", the
# timeline and those who set it blamed, "if we did every trial they asked for we would never
# ship anything")
# 30: the reading's third plain-word widening (docs/interviewer.md): what the user sees when a
# check fails, the write-back, prevention, past items with a known outcome as a test set's size
# and production signals in plain words; a latency target only beside words about waiting
# 31: a reason given when the interviewer asks why (the next answer opens with "because")
# explains the last mechanism the answer before named
# 32: people outside engineering who said, decided, spotted or signed off in the story, and
# the speaker "talking to the PM" or going through flags "me plus two support leads", work with
# the speaker
# 33: "a PM, Leah" names a role too, and what someone named for a role decided, owned or said
# works with the speaker, as it does when the role is said
# 34: a lesson said as an instruction after a word or two that leads in ("And, um, talk to
# support before, not after", "Treat changes to what the model reads as ...") answers the lesson
# question; others made to do it ("get the data team to sign off") and clearer requirements are
# no lesson of the speaker's
# 35: a yes to "have you applied that since?" tells the lesson applied: its first sentence that
# says how counts as a lesson applied since
# 36: how a story turned out in plain words ("went back to roughly zero", "scored slightly
# better", "it cost three days") is an outcome
# 37: checking in and shaping an answer in a candidate's own words ("want me to spend a minute
# on cost?", "stop me if ...", "is that fair?", "three checks", "I'll start with ...")
# 38: reliability in everyday words: a ping handled twice that is not done again, how many
# updates a system lets us make, giving up on a ticket, "with a time limit", "a to-do list"
# 39: two mistakes of the speaker's own, owned in so many words, are ownership's level 4, as a
# decision beside one is
# 40: an answer that opens "Since then ..." goes on with the story; it is no reply to a why (no
# held-out card moved)
# 41: the reading's check form no longer takes a word ending in -nt ("account", "important") for
# a denial (system-design 2026.12.36: its red flags' guards read "doesn't" and "isn't" as
# denials, and the model taken to check its own work is trust in its output)
HEURISTIC_VERSION = "41"
HEURISTIC_RATER = f"offline:heuristic-{HEURISTIC_VERSION}"
