/**
 * Builds a long, realistic Markdown manuscript of a given word count for benchmarks: headings, cited and uncited
 * sentences, factor names in their various spellings, and the odd code block, cycling through fixed paragraphs. Each
 * paragraph ends with a sentence of its own (a numbered cohort), so no two paragraphs are the same and a first parse
 * or lint cannot reuse one paragraph's work for another.
 */
const paragraphs = [
  'Conditioned medium from umbilical cord stromal cells has been applied to chronic diabetic ulcers in a phase 2 trial [17]. Closure was faster than with standard dressings, although the cohort was small.',
  'Growth factors such as FGF and the BMPs encourage stem cells to proliferate and to differentiate [27-29]. FGF additionally supports the formation of new vessels, which matters for tissue repair.',
  'By contrast, TGF-β and PGE2 restrain proliferation; TGF-β may hold stem cells in quiescence [30, 31]. PGE2 dampens inflammation and protects tissue from damage.',
  'Extracellular vesicles carry proteins, lipids and nucleic acids between cells [32-35]. Exosomes, microvesicles and apoptotic bodies differ in origin and size.',
  'In the kidney, secretome treatment reduced fibrosis and inflammation in rodent models [14]. Renal function improved in the treated animals.',
  'The role of the secretome in cancer remains unsettled [19-23]. Secretomes of tumour cells may accelerate growth, while those of normal cells may inhibit it.',
  'Intranasal delivery reaches the central nervous system directly [36-39], whereas intravenous injection is cleared quickly by the liver and kidneys.',
  'Standardised preparation protocols are needed before dosing can be compared between studies [40, 41]. Costs and scale remain obstacles [42-43].',
  'We isolated vesicles by differential ultracentrifugation and measured particle size by nanoparticle tracking.',
  'Here we outline the open questions for clinical translation. Future trials should report the cell source and culture conditions.',
];

export function makeManuscript(targetWords: number): string {
  const parts: string[] = ['# Secretome therapy: a working draft', ''];
  let words = 6;
  let section = 1;
  for (let index = 0; words < targetWords; index++) {
    if (index % 12 === 0) {
      parts.push(`## Section ${section++}`, '');
      words += 2;
    }
    const paragraph = `${paragraphs[index % paragraphs.length]} Cohort ${index + 1} was followed for ${(index % 12) + 1} months.`;
    parts.push(paragraph, '');
    words += paragraph.split(/\s+/).length;
    if (index % 25 === 24) parts.push('```', 'raw_counts <- read.csv("vesicles.csv")', '```', '');
  }
  return parts.join('\n');
}
