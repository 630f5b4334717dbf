import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findQuotes, pairQuoteMarks } from './index.js';

/** Each quotation as "text => speaker", the form the cases below are written in. */
function found(text: string, minWords = 3): string[] {
  return findQuotes(text, { minWords }).map((q) => `${text.slice(q.start, q.end)} => ${q.speaker ?? (q.attributed ? '(unnamed)' : '(none)')}`);
}

describe('findQuotes: English attribution', () => {
  it.each([
    ['"We will not retreat from these talks," the minister told reporters on Friday.', 'We will not retreat from these talks => the minister'],
    ['“We will not retreat,” said Jane Smith, a spokeswoman for the ministry.', 'We will not retreat => Jane Smith'],
    ['"The harbour stays closed," Smith, 45, said after the vote.', 'The harbour stays closed => Smith'],
    ['Lavrov said on Tuesday: "The West has declared a total war on us."', 'The West has declared a total war on us. => Lavrov'],
    ['The governor told the council, "We have no money left for the bridge."', 'We have no money left for the bridge. => The governor'],
    ['According to the mayor, "the water supply will be restored within a week."', 'the water supply will be restored within a week. => the mayor'],
    ['“We stand with Ukraine for as long as it takes,” Ursula von der Leyen said.', 'We stand with Ukraine for as long as it takes => Ursula von der Leyen'],
    ['"The figures were never checked," Gen. J. K. Morrow later added.', 'The figures were never checked => Gen. J. K. Morrow'],
    ['Putin: "We will respond to any provocation."', 'We will respond to any provocation. => Putin'],
    ['"The storm is fading fast," said Maria T. Lopez of the University of Leeds.', 'The storm is fading fast => Maria T. Lopez'],
    ['"The storm is fading fast," said the head of the weather service.', 'The storm is fading fast => the head of the weather service'],
    ["'We are not done yet,' the captain said.", 'We are not done yet => the captain'],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('attributes to a pronoun without naming anyone', () => {
    expect(found('"No," he said.')).toEqual(['No => (unnamed)']);
    expect(found('In the report he wrote: "Nothing was done to stop the flow."')).toEqual(['Nothing was done to stop the flow. => (unnamed)']);
  });

  it('gives both halves of a split quotation the same speaker', () => {
    expect(found('"We will win," she said, "and then we will rebuild every school."')).toEqual([
      'We will win => (unnamed)',
      'and then we will rebuild every school. => (unnamed)',
    ]);
  });

  it('reads "said" with no colon, but not "told", which takes an addressee', () => {
    expect(found('He said "we will go home before the vote."')).toEqual(['we will go home before the vote. => (unnamed)']);
    expect(found('Smith told "The Times" that the plan would fail, she said.')).toEqual([]);
  });

  it('does not read a new sentence as the attribution of a finished quotation', () => {
    expect(found('"The port is open again." Officials said the ferries would follow.')).toEqual(['The port is open again. => (none)']);
  });
});

describe('findQuotes: Russian attribution', () => {
  it.each([
    ['«Мы не допустим этого», — заявил глава МИД России Сергей Лавров.', 'Мы не допустим этого => глава МИД России Сергей Лавров'],
    ['«Цены вырастут ещё на треть», — сказал Алексей Кудрин на форуме.', 'Цены вырастут ещё на треть => Алексей Кудрин'],
    ['Лавров заявил: «Запад объявил нам тотальную войну».', 'Запад объявил нам тотальную войну => Лавров'],
    ['Министр заявил, что «никаких переговоров не будет».', 'никаких переговоров не будет => Министр'],
    ['По словам министра, «цены стабилизируются к осени».', 'цены стабилизируются к осени => министра'],
    ['Как отметил Песков, «Кремль не комментирует слухи».', 'Кремль не комментирует слухи => Песков'],
    ['«Решение уже принято», — заявил РИА Новости источник в правительстве.', 'Решение уже принято => источник'],
    ['„Мы уходим из города“, — сказала она.', 'Мы уходим из города => (unnamed)'],
    ['«Это провокация», — говорится в заявлении ведомства.', 'Это провокация => (unnamed)'],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('reads dialogue lines opened by a dash, with their continuation', () => {
    const text = 'Вечером он вышел к журналистам.\n— Мы готовы к переговорам, — сказал Иван Петрович. — Но не на этих условиях.\n— Когда?\n— Ещё не решено.';
    expect(found(text)).toEqual(['Мы готовы к переговорам => Иван Петрович', 'Но не на этих условиях. => Иван Петрович']);
  });

  it('keeps the question or exclamation mark of a dialogue line', () => {
    expect(found('— Вы серьёзно думаете, что это сработает? — спросил корреспондент.')).toEqual([
      'Вы серьёзно думаете, что это сработает? => корреспондент',
    ]);
  });

  it('leaves unattributed dash lines alone: they are lists as often as dialogue', () => {
    expect(found('Программа включает:\n— снижение налогов для малого бизнеса;\n— ремонт дорог в области.')).toEqual([]);
  });
});

describe('findQuotes: what is not a quotation', () => {
  it('skips scare quotes of one or two words', () => {
    expect(found('He called the plan a "disaster" and left the room.')).toEqual([]);
    expect(found('Эти «эксперты» снова ошиблись.')).toEqual([]);
  });

  it('keeps short quotations when a speaker is named', () => {
    expect(found('"Absolutely not," the minister said.')).toEqual(['Absolutely not => the minister']);
  });

  it('skips titles and terms', () => {
    expect(found('The newspaper "The Daily Truth Today" reported it first.')).toEqual([]);
    expect(found('The so-called "special military operation" continues.')).toEqual([]);
    expect(found('Представитель партии «Единая Россия» выступил на форуме.')).toEqual([]);
    expect(found('Он прочитал роман «Война и мир» за неделю.')).toEqual([]);
    // With no comma or dash before the verb, the quoted words are its subject: a name.
    expect(found('Журналисты «Вечернего курьера» отметили рост цен.')).toEqual([]);
  });

  it('reads apostrophes as apostrophes', () => {
    const text = "I don't think it's over, and the players' union agrees: 'We are not done with this yet.' That's all.";
    expect(found(text)).toEqual(['We are not done with this yet. => (none)']);
    expect(found("It’s the team’s fault, isn’t it? Rock ’n’ roll never dies.")).toEqual([]);
  });
});

describe('findQuotes: nesting and broken marks', () => {
  it('reports the outer quotation of nested ones', () => {
    expect(found('"He told me \'never again\' and walked out," she said.')).toEqual(["He told me 'never again' and walked out => (unnamed)"]);
    expect(found('«Он сказал: „Нет, этого не будет“», — рассказал очевидец.')).toEqual(['Он сказал: „Нет, этого не будет“ => очевидец']);
    expect(found('«Он сказал: «Нет, этого не будет»», — рассказал очевидец.')).toEqual(['Он сказал: «Нет, этого не будет» => очевидец']);
  });

  it('drops an unclosed mark and keeps what follows', () => {
    const text = 'An unbalanced "quote runs on here and never ends.\n\nThen "a real quotation that does end," he said.';
    expect(found(text)).toEqual(['a real quotation that does end => (unnamed)']);
  });

  it('keeps a quotation inside an opener that never closes', () => {
    expect(found('« Заметки: «Мы будем стоять до конца», — сказал он.')).toEqual(['Мы будем стоять до конца => (unnamed)']);
  });

  it('ignores inch marks and stray closers', () => {
    expect(found('The 12" screen and a stray » mark » here.')).toEqual([]);
  });
});

describe('pairQuoteMarks', () => {
  it('pairs in one pass and never returns overlapping pairs', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('"', '“', '”', '„', '«', '»', '‘', '’', "'", ' ', 'a', 'б', '\n', ',', '.'), { maxLength: 80 }), (chars) => {
        const text = chars.join('');
        const pairs = pairQuoteMarks(text);
        let lastClose = -1;
        for (const p of pairs) {
          expect(p.open).toBeLessThan(p.close);
          expect(p.open).toBeGreaterThan(lastClose);
          lastClose = p.close;
        }
        for (const q of findQuotes(text, { minWords: 1 })) {
          expect(q.start).toBeGreaterThanOrEqual(0);
          expect(q.end).toBeGreaterThan(q.start);
          expect(q.end).toBeLessThanOrEqual(text.length);
          expect(q.confidence).toBeGreaterThan(0);
          expect(q.confidence).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('stays fast on pathological marks', () => {
    const texts = ['"'.repeat(200_000), '« '.repeat(100_000), '"a" '.repeat(50_000), "'a ".repeat(100_000)];
    const t0 = performance.now();
    for (const t of texts) findQuotes(t, { minWords: 3 });
    // Linear work: well under a second even on a loaded machine.
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
