import Foundation
import Training

/// Every word the lecture's figures and reports show, in English and Finnish.
///
/// One place for all of them, so a figure never mixes languages and a translation is checked
/// by looking at one file. Functions take the numbers already formatted in the language's style.
struct LectureText: Sendable {
    /// The language of these texts.
    let language: Language

    /// Creates the texts of `language`.
    init(language: Language) {
        self.language = language
    }

    func pick(_ english: String, _ finnish: String) -> String {
        language == .english ? english : finnish
    }

    /// Column-name endings read as units: `weight_kg` is "weight (kg)", but `hours_studied` is
    /// "hours studied" (no unit).
    static let knownUnits: Set<String> = [
        "kg", "g", "mg", "lb", "cm", "mm", "m", "km", "in", "ft", "s", "ms", "min", "h", "d", "y", "yr", "years",
        "l", "ml", "c", "k", "f", "pct", "percent", "eur", "usd", "gbp", "kwh", "w", "kw", "v", "a", "hz", "bpm", "kcal",
    ]

    /// The column `name_unit` split into its words ("name") and its unit, when the ending is a known unit.
    func splitColumn(_ column: String) -> (words: String, unit: String?) {
        if let underscore = column.lastIndex(of: "_"), underscore != column.startIndex,
           column.index(after: underscore) != column.endIndex {
            let ending = String(column[column.index(after: underscore)...])
            if Self.knownUnits.contains(ending.lowercased()) {
                return (column[..<underscore].replacingOccurrences(of: "_", with: " "), ending)
            }
        }
        return (column.replacingOccurrences(of: "_", with: " "), nil)
    }

    /// A readable axis label for a data column: the built-in columns get words and units,
    /// `name_unit` with a known unit becomes "name (unit)", other underscores become spaces.
    func columnLabel(_ column: String) -> String {
        switch column {
        case "weight_kg": return pick("weight (kg)", "paino (kg)")
        case "height_cm": return pick("height (cm)", "pituus (cm)")
        default:
            let (words, unit) = splitColumn(column)
            return unit.map { "\(words) (\($0))" } ?? words
        }
    }

    /// The unit of a column named `name_unit` with a known unit, or nil.
    func unit(of column: String) -> String? { splitColumn(column).unit }

    var data: String { pick("data", "data") }
    var epoch: String { pick("epoch", "epookki") }
    var epochCapitalized: String { pick("Epoch", "Epookki") }
    var step: String { pick("step", "askel") }
    var mseNormalized: String { pick("MSE (normalised)", "MSE (normalisoitu)") }
    /// "normalised" / "normalisoitu": the units of an MSE of z-scores.
    var normalised: String { pick("normalised", "normalisoitu") }
    var mse: String { "MSE" }
    var mae: String { "MAE" }
    var linearModel: String { pick("linear", "lineaarinen") }
    var cubicModel: String { pick("cubic", "kuutiollinen") }
    var closedFormMinimum: String { pick("closed-form minimum", "suljetun muodon minimi") }
    var optimum: String { pick("optimum", "optimi") }
    var start: String { pick("start", "alku") }
    var end: String { pick("end", "loppu") }
    var path: String { pick("path", "polku") }
    var residuals: String { pick("residuals", "residuaalit") }
    var prediction: String { pick("prediction", "ennuste") }
    var error: String { pick("error", "virhe") }
    var learningRate: String { pick("learning rate", "oppimisnopeus") }
    var gradient: String { pick("gradient", "gradientti") }
    var tangent: String { pick("tangent", "tangentti") }
    var loss: String { pick("loss", "häviö") }
    var eigenvalues: String { pick("Hessian eigenvalues", "Hessen matriisin ominaisarvot") }
    var conditionNumber: String { pick("condition number", "häiriöalttius (ehtoluku)") }
    var stableLimit: String { pick("stable limit", "vakausraja") }
    var rawData: String { pick("raw data", "normalisoimaton data") }
    var normalizedData: String { pick("z-scored data", "z-normalisoitu data") }
    var explainedVariance: String { pick("explained variance", "selitetty varianssi") }

    /// The optimum marker when the optimum lies off the drawn plane.
    var optimumProjected: String { pick("closed-form minimum (projected)", "suljetun muodon minimi (projektio)") }
    /// A principal axis label: "pc1 (87.3 % of the path's variance)"; `explained` is already formatted.
    func principalAxis(_ index: Int, explained: String) -> String {
        pick("pc\(index) (\(explained) % of the path's variance)", "pk\(index) (\(explained) % polun varianssista)")
    }

    // Landscape family (landscape, normalization, slice, step, compare optimizers).

    /// The landscape title: "MSE landscape of the linear model over (w, b)".
    func landscapeTitle(model: String, plane: String, raw: Bool) -> String {
        pick("MSE landscape of the \(model) model over (\(plane))", "MSE-pinta: \(model) malli, taso (\(plane))")
            + (raw ? pick(", raw data", ", normalisoimaton data") : "")
    }
    // A small neural network (landscape over a plane of directions, interpolation).

    /// "network (8 tanh units)" / "neuroverkko (8 tanh-yksikköä)".
    func networkName(units: Int) -> String {
        pick("network (\(units) tanh unit\(units == 1 ? "" : "s"))", "neuroverkko (\(units) tanh-yksikkö\(units == 1 ? "" : "ä"))")
    }
    /// The network landscape's title: "MSE landscape of a network (8 tanh units): random plane".
    func networkLandscapeTitle(network: String, principal: Bool) -> String {
        pick("MSE landscape of a \(network) on " + (principal ? "the principal plane of the path" : "two random directions"),
             "MSE-pinta: \(network), " + (principal ? "polun pääkomponenttitaso" : "kaksi satunnaista suuntaa"))
    }
    /// An axis of the random plane: "α along d₁ (random, filter-normalised)".
    func randomDirectionAxis(_ index: Int) -> String {
        let symbol = index == 1 ? "α" : "β", direction = index == 1 ? "d₁" : "d₂"
        return pick("\(symbol) along \(direction) (random, filter-normalised)", "\(symbol) suuntaan \(direction) (satunnainen, suodatinnormalisoitu)")
    }
    /// The note under a projected path: the plane goes through the end θ*; the start's true MSE
    /// and the plane's MSE at its projection (both already formatted).
    func planeThroughEnd(start: String, projected: String) -> String {
        pick("plane through the final parameters θ*, path projected onto it (start: MSE \(start), \(projected) at its projection)",
             "taso loppuparametrien θ* kautta, polku projisoitu tasolle (alku: MSE \(start), projektiossa \(projected))")
    }
    /// The interpolation figure's title.
    var interpolationTitle: String { pick("Loss on the straight line from start to end", "Häviö suoralla alusta loppuun") }
    /// The interpolation axis: "α in θ(α) = (1 − α)·θ₀ + α·θ_T".
    var interpolationAxis: String { pick("α in θ(α) = (1 − α)·θ₀ + α·θ_T", "α suorassa θ(α) = (1 − α)·θ₀ + α·θ_T") }
    /// The interpolation curve's legend.
    var lossOnLine: String { pick("MSE along the line", "MSE suoralla") }
    /// The dashed continuation of the interpolation past its ends.
    var beyondEnds: String { pick("past the ends (α < 0, α > 1)", "päiden ulkopuolella (α < 0, α > 1)") }
    /// The start marker of the interpolation: "α = 0: start θ₀".
    var interpolationStart: String { pick("α = 0: start θ₀", "α = 0: alku θ₀") }
    /// The end marker of the interpolation: "α = 1: end θ_T".
    var interpolationEnd: String { pick("α = 1: end θ_T", "α = 1: loppu θ_T") }
    /// The interpolation's result line: "MSE 1.76 at the start, 0.0234 at the end, lowest 0.0231 at α = 0.98".
    func interpolationResult(start: String, end: String, lowest: String, at alpha: String) -> String {
        pick("MSE \(start) at the start, \(end) at the end, lowest \(lowest) at α = \(alpha)",
             "MSE alussa \(start), lopussa \(end), pienin \(lowest) kohdassa α = \(alpha)")
    }
    /// The plane of the principal directions, for titles.
    var principalPlaneName: String { pick("principal plane of the path", "polun pääkomponenttitaso") }
    /// A run: "gd, learning rate 0.1, 50 epochs".
    func runDescription(optimizer: String, learningRate: String, epochs: Int) -> String {
        pick("\(optimizer), learning rate \(learningRate), \(epochs) epoch\(epochs == 1 ? "" : "s")",
             "\(optimizer), oppimisnopeus \(learningRate), \(epochs) \(epochs == 1 ? "epookki" : "epookkia")")
    }
    /// "final MSE 0.0532, minimum 0.0523 (normalised)".
    func finalAndMinimum(final: String, minimum: String, unit: String? = nil) -> String {
        pick("final MSE \(final), minimum \(minimum)", "lopun MSE \(final), minimi \(minimum)") + (unit.map { " (\($0))" } ?? "")
    }
    /// The legend of an optimizer's path: "sgd path".
    func pathLabel(optimizer: String) -> String { pick("\(optimizer) path", "\(optimizer)-polku") }
    /// The normalization figure's title.
    var normalizationTitle: String {
        pick("Why z-scores help: the same gradient descent on raw and on z-scored data",
             "Miksi z-normalisointi auttaa: sama gradienttimenetelmä raa'alla ja normalisoidulla datalla")
    }
    /// The normalization figure's subtitle: the learning-rate rule.
    func normalizationSubtitle(fraction: String, epochs: Int) -> String {
        pick("full-batch gradient descent, each run at \(fraction) × its own stable limit 2/λmax, \(epochs) epochs",
             "täyden erän gradienttimenetelmä, kumpikin \(fraction) × oma vakausrajansa 2/λmax, \(epochs) epookkia")
    }
    /// "Hessian eigenvalues λ = 2, 2".
    func eigenvaluesLine(_ values: String) -> String { pick("Hessian eigenvalues λ = \(values)", "Hessen ominaisarvot λ = \(values)") }
    /// "condition number κ = 1".
    func conditionLine(_ value: String) -> String { pick("condition number κ = \(value)", "ehtoluku κ = \(value)") }
    /// "stable limit 2/λmax = 1".
    func stableLimitLine(_ value: String) -> String { pick("stable limit 2/λmax = \(value)", "vakausraja 2/λmax = \(value)") }
    /// "learning rate η = 0.8".
    func learningRateLine(_ value: String) -> String { pick("learning rate η = \(value)", "oppimisnopeus η = \(value)") }
    /// "after 50 epochs MSE = 1.84 × minimum".
    func excessLine(epochs: Int, ratio: String) -> String {
        pick("after \(epochs) epochs MSE = \(ratio) × minimum", "\(epochs) epookin jälkeen MSE = \(ratio) × minimi")
    }
    /// The slice title: "The loss along w at epoch 0, other parameters fixed".
    func sliceTitle(parameter: String, epoch: Int) -> String {
        pick("The loss along \(parameter) at epoch \(epoch), other parameters fixed",
             "Häviö parametrin \(parameter) suunnassa epookilla \(epoch), muut parametrit kiinnitetty")
    }
    /// The slice curve's legend: "MSE as a function of w".
    func lossAlong(_ parameter: String) -> String { pick("MSE as a function of \(parameter)", "MSE parametrin \(parameter) funktiona") }
    /// The tangent's legend: "tangent, slope ∂L/∂w = −1.66".
    func tangentLabel(parameter: String, slope: String) -> String {
        pick("tangent, slope ∂L/∂\(parameter) = \(slope)", "tangentti, kulmakerroin ∂L/∂\(parameter) = \(slope)")
    }
    /// The step's legend: "step −η·∂L/∂w = 0.083 (η = 0.05)".
    func sliceStepLabel(parameter: String, step: String, learningRate: String) -> String {
        pick("step −η·∂L/∂\(parameter) = \(step) (η = \(learningRate))", "askel −η·∂L/∂\(parameter) = \(step) (η = \(learningRate))")
    }
    /// "current w = 0.1".
    func currentValue(parameter: String, value: String) -> String {
        pick("current \(parameter) = \(value)", "nykyinen \(parameter) = \(value)")
    }
    /// The step card's title: "A worked gradient step: ŷ = w·x², point (2, 8)" (Finnish "(2; 8)", as decimal commas need).
    func stepTitle(x: String, y: String) -> String {
        pick("A worked gradient step: ŷ = w·x², point (x, y) = (\(x), \(y))",
             "Laskettu gradienttiaskel: ŷ = w·x², piste (x, y) = (\(x); \(y))")
    }
    /// The step card's subtitle.
    func stepSubtitle(initialWeight: String, learningRate: String) -> String {
        pick("w₀ = \(initialWeight), learning rate η = \(learningRate), L = (y − ŷ)², dL/dw = −2(y − ŷ)·x², w ← w − η·dL/dw",
             "w₀ = \(initialWeight), oppimisnopeus η = \(learningRate), L = (y − ŷ)², dL/dw = −2(y − ŷ)·x², w ← w − η·dL/dw")
    }
    /// The step card's table header.
    var stepTableHeader: [String] { [pick("step", "askel"), "w", "ŷ", "L", "dL/dw", pick("new w", "uusi w")] }
    /// The legend of the worked steps on the loss curve.
    var gradientSteps: String { pick("gradient steps", "gradienttiaskeleet") }
    /// The compare-optimizers title.
    func compareOptimizersTitle(model: String) -> String {
        pick("Optimizers on the MSE landscape of the \(model) model", "Optimointimenetelmät: \(model) malli, MSE-pinta")
    }
    /// The compare-optimizers subtitle.
    func compareOptimizersSubtitle(epochs: Int) -> String {
        pick("same model, start and data; every optimizer runs all \(epochs) epochs; a learning rate that diverged is halved until the run stays finite",
             "sama malli, alku ja data; jokainen ajetaan kaikki \(epochs) epookkia; hajaantuva oppimisnopeus puolitetaan, kunnes ajo pysyy äärellisenä")
    }
    /// The optimizer comparison's second panel title.
    var mseByUpdates: String { pick("MSE by parameter updates", "MSE päivitysten mukaan") }
    /// The x label of MSE by updates.
    var parameterUpdates: String { pick("parameter updates (log scale)", "parametripäivitykset (log-asteikko)") }
    /// The starting MSE's legend: "start: MSE 0.8359".
    func startingMSE(_ value: String) -> String { pick("start: MSE \(value)", "alku: MSE \(value)") }
    /// An optimizer's legend entry: "momentum (β 0.9), η = 0.001: MSE 0.0532".
    func optimizerEntry(optimizer: String, learningRate: String, mse: String) -> String {
        "\(optimizer), η = \(learningRate): MSE \(mse)"
    }

    // Parameters.

    /// The parameters figure's title.
    var parametersTitle: String { pick("Parameters and gradient norm during training", "Parametrit ja gradientin normi opetuksen aikana") }
    /// A parameter panel's title: "Parameters of the linear model".
    func parametersPanelTitle(model: String) -> String { pick("Parameters of the \(model) model", "Mallin (\(model)) parametrit") }
    /// The parameter axis: "parameter value (z-scored data)".
    var parameterValue: String { pick("parameter value (z-scored data)", "parametrin arvo (z-normalisoitu data)") }
    /// A parameter's legend: "w = 0.8563 (optimum 0.8890)", its last value and the dashed line's.
    func parameterEntry(name: String, final: String, optimum: String) -> String {
        pick("\(name) = \(final) (optimum \(optimum))", "\(name) = \(final) (optimi \(optimum))")
    }
    /// The parameters figure's note on the dashed lines.
    var dashedOptimum: String { pick("dashed: closed-form optimum", "katkoviiva: suljetun muodon optimi") }
    /// The gradient-norm panel's title.
    var gradientNormTitle: String { pick("Gradient norm ‖∇MSE(θ)‖", "Gradientin normi ‖∇MSE(θ)‖") }
    /// A run's gradient-norm legend: "linear: 1.23 → 0.0456 (epoch 300)".
    func gradientNormEntry(model: String, first: String, last: String, epoch: Int) -> String {
        pick("\(model): \(first) → \(last) (epoch \(epoch))", "\(model): \(first) → \(last) (epookki \(epoch))")
    }

    // Chain rule.

    /// "The chain rule for one sample: Oliver at epoch 0, linear model".
    func chainRuleTitle(sample: String, epoch: Int, model: String) -> String {
        pick("The chain rule for one sample: \(sample) at epoch \(epoch), \(model) model",
             "Ketjusääntö yhdelle näytteelle: \(sample) epookilla \(epoch), malli: \(model)")
    }
    /// The chain-rule subtitle: how to read the graph.
    var chainRuleSubtitle: String {
        pick("forward in the boxes (z-scores): ŷ = Σ wₖ·xᵏ + b, e = ŷ − y, ℓ = e²;  backward under them: ∂ℓ/∂ŷ = 2e, ∂ℓ/∂wₖ = 2e·xᵏ, ∂ℓ/∂b = 2e",
             "eteenpäin laatikoissa (z-arvot): ŷ = Σ wₖ·xᵏ + b, e = ŷ − y, ℓ = e²;  taaksepäin niiden alla: ∂ℓ/∂ŷ = 2e, ∂ℓ/∂wₖ = 2e·xᵏ, ∂ℓ/∂b = 2e")
    }
    /// The sample line: "Oliver: 58 kg, 150 cm → z-scores x = −1.43, y = −1.81".
    func chainRuleSample(name: String, x: String, y: String, zx: String, zy: String) -> String {
        pick("\(name): \(x), \(y)  →  z-scores x = \(zx), y = \(zy)", "\(name): \(x), \(y)  →  z-arvot x = \(zx), y = \(zy)")
    }
    /// The update block's title.
    func chainRuleUpdate(rate: String) -> String {
        pick("update θ ← θ − η·∂ℓ/∂θ with η = \(rate) (this sample's SGD step):", "päivitys θ ← θ − η·∂ℓ/∂θ, η = \(rate) (tämän näytteen SGD-askel):")
    }

    /// "The chain rule for one sample through a network (3 tanh units): Oliver at epoch 0".
    func networkChainRuleTitle(sample: String, epoch: Int, network: String) -> String {
        pick("The chain rule for one sample through a \(network): \(sample) at epoch \(epoch)",
             "Ketjusääntö yhdelle näytteelle: \(sample) epookilla \(epoch), \(network)")
    }
    /// The network chain-rule subtitle: how to read the graph.
    var networkChainRuleSubtitle: String {
        pick("forward in the boxes (z-scores), backward ∂ℓ/∂(node) under them; each column's formulas above it; ℓ = e², e = ŷ − y",
             "eteenpäin laatikoissa (z-arvot), taaksepäin ∂ℓ/∂(solmu) niiden alla; kunkin sarakkeen kaavat sen yläpuolella; ℓ = e², e = ŷ − y")
    }
    /// The line on a network chain rule that leaves units out: "4 of 16 units shown: …".
    func networkChainRuleShown(shown: Int, of count: Int) -> String {
        pick("\(shown) of \(count) units shown, those with the largest |∂ℓ/∂zⱼ|; ŷ sums all \(count), the update lists the units shown and b",
             "\(shown)/\(count) yksiköstä näkyvissä, ne joilla |∂ℓ/∂zⱼ| on suurin; ŷ summaa kaikki \(count), päivitys näytetään niille ja b:lle")
    }

    // Degree sweep.

    /// The degree sweep's title.
    var degreeSweepTitle: String {
        pick("Overfitting: training error keeps falling with the degree, leave-one-out error does not", "Ylisovitus: opetusvirhe pienenee asteen kasvaessa, leave-one-out-virhe ei")
    }
    /// The degree sweep's subtitle: how the errors are computed.
    func degreeSweepSubtitle(count: Int, others: Int, people: Bool) -> String {
        let rows = people ? pick("person", "henkilö") : pick("point", "piste")
        return pick("closed-form least squares on z-scores; training error: fit on all \(count), leave-one-out: each \(rows) predicted from a fit on the other \(others)",
                    "suljetun muodon pienimmät neliöt z-arvoilla; opetusvirhe: sovite kaikkiin \(count), leave-one-out: jokainen \(rows) ennustetaan muiden \(others) sovitteesta")
    }
    /// The errors panel's title.
    var degreeSweepErrorsTitle: String { pick("Mean squared error by degree", "Keskineliövirhe asteen mukaan") }
    /// The x axis of the errors panel.
    var polynomialDegree: String { pick("polynomial degree", "polynomin aste") }
    /// The y axis of the errors panel: "MSE (cm², log scale)".
    func meanSquaredErrorAxis(unit: String?) -> String {
        pick("MSE (\(unit.map { "\($0), " } ?? "")log scale)", "MSE (\(unit.map { "\($0), " } ?? "")log-asteikko)")
    }
    /// The training error's legend.
    var trainingErrorLabel: String { pick("training error", "opetusvirhe") }
    /// The leave-one-out error's legend.
    func leaveOneOutLabel(others: Int) -> String {
        pick("leave-one-out error (predicted from the other \(others))", "leave-one-out-virhe (ennuste muista \(others))")
    }
    /// The marked minimum: "lowest leave-one-out: degree 2, 12.3 cm²".
    func lowestLeaveOneOut(degree: Int, value: String) -> String {
        pick("lowest leave-one-out: degree \(degree), \(value)", "pienin leave-one-out: aste \(degree), \(value)")
    }
    /// The fits panel's title.
    var degreeSweepFitsTitle: String { pick("Fits on all the data", "Sovitteet koko dataan") }
    /// A fit's legend: "degree 3: training 4.5 cm², leave-one-out 9.8 cm²".
    func degreeFitLabel(degree: Int, training: String, leaveOneOut: String) -> String {
        pick("degree \(degree): training \(training), leave-one-out \(leaveOneOut)", "aste \(degree): opetus \(training), leave-one-out \(leaveOneOut)")
    }

    // Residuals.

    /// The residuals figure's title.
    var residualsTitle: String { pick("Residuals: actual minus predicted, person by person", "Residuaalit: todellinen miinus ennuste henkilöittäin") }
    /// A residual panel's title: "linear model".
    func residualsPanelTitle(model: String) -> String {
        pick(model.prefix(1).uppercased() + model.dropFirst() + " model", "Malli: \(model)")
    }
    /// The residual axis: "residual y − ŷ (cm)".
    func residualAxis(unit: String?) -> String {
        pick("residual y − ŷ", "residuaali y − ŷ") + (unit.map { " (\($0))" } ?? "")
    }
    /// One model's residuals: "linear: −7.1 cm to +7.7 cm, MAE 3.91 cm".
    func residualsSummary(model: String, low: String, high: String, mae: String) -> String {
        pick("\(model): \(low) to \(high), MAE \(mae)", "\(model): \(low) … \(high), MAE \(mae)")
    }

    // Schedules.

    /// The schedules figure's title.
    var schedulesTitle: String {
        pick("Learning-rate schedules: the same descent with five ways to set η", "Oppimisnopeuden aikataulut: sama laskeutuminen viidellä tavalla valita η")
    }
    /// The schedules figure's subtitle: what every run shares.
    func schedulesSubtitle(model: String, optimizer: String, rate: String, multiple: String, epochs: Int) -> String {
        pick("every run: \(model) model, \(optimizer), base η = \(rate) (\(multiple) × the stable limit 2/λmax), \(epochs) epochs, the same start",
             "jokainen ajo: malli: \(model), \(optimizer), perus-η = \(rate) (\(multiple) × vakausraja 2/λmax), \(epochs) epookkia, sama alku")
    }
    /// The rate panel's title.
    var learningRateOverEpochs: String { pick("Learning rate η per epoch", "Oppimisnopeus η epookeittain") }
    /// The rate panel's y axis.
    var learningRateAxis: String { pick("learning rate η", "oppimisnopeus η") }
    /// The loss panel's title.
    var excessLossTitle: String { pick("Distance to the minimum", "Etäisyys minimiin") }
    /// The loss panel's y axis.
    var excessLossAxis: String { pick("MSE − minimum (log scale)", "MSE − minimi (log-asteikko)") }
    /// A schedule's name: "constant", "vakio".
    func scheduleName(_ name: String) -> String {
        switch name {
        case "constant": return pick("constant", "vakio")
        case "step": return pick("step", "porras")
        case "exponential": return pick("exponential", "eksponentiaalinen")
        case "cosine": return pick("cosine", "kosini")
        case "warmup": return pick("warmup", "lämmittely")
        default: return name
        }
    }
    /// "constant: η".
    func constantSchedule(_ name: String) -> String { "\(name): η" }
    /// "step: × 0.5 every 75 epochs".
    func stepSchedule(_ name: String, gamma: String, every: Int) -> String {
        pick("\(name): × \(gamma) every \(every) epoch\(every == 1 ? "" : "s")", "\(name): × \(gamma) \(every) epookin välein")
    }
    /// "exponential: × 0.99 every epoch".
    func exponentialSchedule(_ name: String, gamma: String) -> String {
        pick("\(name): × \(gamma) every epoch", "\(name): × \(gamma) joka epookki")
    }
    /// "cosine: η·½(1 + cos(π·t/T))".
    func cosineSchedule(_ name: String) -> String { "\(name): η·½(1 + cos(π·t/T))" }
    /// "warmup: rises over 30 epochs".
    func warmupSchedule(_ name: String, epochs: Int) -> String {
        pick("\(name): rises over \(epochs) epoch\(epochs == 1 ? "" : "s"), then η", "\(name): nousee \(epochs) epookin ajan, sitten η")
    }
    /// "cosine: 1.2×10⁻⁵ at epoch 300".
    func excessAtEpoch(schedule: String, value: String, epoch: Int) -> String {
        pick("\(schedule): \(value) at epoch \(epoch)", "\(schedule): \(value) epookilla \(epoch)")
    }
    /// "constant: below 8.4×10⁻¹³ from epoch 76".
    func excessBelow(schedule: String, floor: String, epoch: Int) -> String {
        pick("\(schedule): below \(floor) from epoch \(epoch)", "\(schedule): alle \(floor) epookista \(epoch)")
    }

    /// "stopped at epoch N" / "pysähtyi epookilla N".
    func stoppedAt(epoch: Int) -> String { pick("stopped at epoch \(epoch)", "pysähtyi epookilla \(epoch)") }
    /// "curve of epoch N" / "käyrä epookilta N": which epoch a diverged run's curve shows.
    func curveOfEpoch(_ epoch: Int) -> String { pick("curve of epoch \(epoch)", "käyrä epookilta \(epoch)") }
    /// "diverged at epoch N" / "hajaantui epookilla N".
    func divergedAt(epoch: Int) -> String { pick("diverged at epoch \(epoch)", "hajaantui epookilla \(epoch)") }
    /// The notebook's training title in z-scores: "Epoch 12 | z-scores: ŷ = 0.919z + 0.000 | MSE 0.1553".
    func trainingTitle(epoch: Int, equation: String, mse: String) -> String {
        "\(epochCapitalized) \(epoch) | \(zScores): \(equation) | MSE \(mse)"
    }
    /// "z-scores" / "z-arvoina": what the training title's equation and MSE are in.
    var zScores: String { pick("z-scores", "z-arvoina") }
}

extension LectureText {
    /// A short variable name for equations: the built-in columns get words, `name_unit` drops a
    /// known unit, other underscores become spaces.
    func variableName(_ column: String) -> String {
        switch column {
        case "weight_kg": return language == .english ? "weight" : "paino"
        case "height_cm": return language == .english ? "height" : "pituus"
        default: return splitColumn(column).words
        }
    }

    /// The model's name in this language ("linear", "cubic", "degree 5").
    func modelName(_ name: String) -> String {
        switch name {
        case "linear": return linearModel
        case "cubic": return cubicModel
        default:
            if name.hasPrefix("degree ") && language == .finnish {
                return "aste " + name.dropFirst("degree ".count)
            }
            return name
        }
    }

    /// The fit figure's title: "Predicting height from weight" / "Pituuden ennustaminen painosta".
    func fitTitle(y: String, x: String) -> String {
        switch (language, y, x) {
        case (.english, _, _): return "Predicting \(y) from \(x)"
        case (.finnish, "pituus", "paino"): return "Pituuden ennustaminen painosta"
        case (.finnish, _, _): return "\(y) muuttujan \(x) funktiona"
        }
    }
}

// MARK: - Frame sequences (`descent frames`)

extension LectureText {
    /// "loss landscape" / "häviöpinta".
    var lossLandscape: String { language == .english ? "loss landscape" : "häviöpinta" }
    /// "update" / "päivitys": the x axis of a per-step loss curve.
    var update: String { language == .english ? "update" : "päivitys" }

    /// The per-step frame title: "Epoch 1, update 3 (sample Amelia) | z-scores: ŷ = … | MSE 0.8328".
    func stepTitle(epoch: Int, step: Int, sample: String?, equation: String, mse: String) -> String {
        let used = sample.map { pick(" (sample \($0))", " (näyte \($0))") } ?? ""
        return "\(epochCapitalized) \(epoch), \(update) \(step)\(used) | \(zScores): \(equation) | MSE \(mse)"
    }
    /// The legend of the ring around the data point an update used.
    var sampleUsed: String { pick("sample of this update", "tämän päivityksen näyte") }
}

// MARK: Training curves: loss, training, compare (models), lr-sweep

extension LectureText {
    /// The loss figure's title.
    var lossTitle: String { language == .english ? "Training loss: MSE per epoch" : "Opetuksen häviö: MSE epookeittain" }
    /// The lr-sweep figure's title.
    var learningRateSweepTitle: String {
        language == .english ? "Loss curves for several learning rates" : "Häviökäyrät eri oppimisnopeuksilla"
    }
    /// The compare figure's title.
    var compareModelsTitle: String { language == .english ? "Comparing the models" : "Mallien vertailu" }
    /// The compare figure's bar panel title: "Error per person" for people, else "Error per data point".
    func errorPerDataPoint(people: Bool) -> String {
        people ? pick("Error per person", "Virhe henkilöittäin") : pick("Error per data point", "Virhe datapisteittäin")
    }
    /// The compare figure's error panel title when there are too many rows for a bar each.
    var errorDistribution: String { language == .english ? "Distribution of the errors" : "Virheiden jakauma" }
    /// The note under a histogram that leaves some rows out: "12 rows outside ±84.3 cm".
    func rowsOutside(_ count: Int, limit: String) -> String {
        language == .english ? "\(count) row\(count == 1 ? "" : "s") outside ±\(limit)" : "\(count) \(count == 1 ? "rivi" : "riviä") alueen ±\(limit) ulkopuolella"
    }
    /// The y label of a histogram.
    var count: String { language == .english ? "count" : "lukumäärä" }
    /// The compare figure's fit panel title.
    var fitsOverData: String { language == .english ? "Fits over the data" : "Sovitteet datan päällä" }
    /// The training loss panel's title.
    var mseSoFar: String { language == .english ? "MSE per epoch so far" : "MSE epookeittain tähän asti" }

    /// "closed-form minimum 0.1553" / "suljetun muodon minimi 0,1553".
    func closedFormMinimumValue(_ value: String) -> String { "\(closedFormMinimum) \(value)" }
    /// "stopped at epoch 65: MSE stopped decreasing" (the notebook's stop rule).
    func stoppedDecreasing(epoch: Int) -> String {
        language == .english ? "stopped at epoch \(epoch): MSE stopped decreasing"
            : "pysähtyi epookilla \(epoch): MSE lakkasi pienenemästä"
    }
    /// "stopped at epoch 300: all epochs run".
    func completedEpochs(epoch: Int) -> String {
        language == .english ? "stopped at epoch \(epoch): all epochs run" : "pysähtyi epookilla \(epoch): kaikki epookit ajettu"
    }
    /// "converged at epoch N: MSE changed by less than T".
    func convergedAt(epoch: Int, tolerance: String) -> String {
        language == .english ? "converged at epoch \(epoch): MSE changed by less than \(tolerance)"
            : "konvergoi epookilla \(epoch): MSE muuttui alle \(tolerance)"
    }
    /// "diverged at epoch N (MSE > 10¹²)".
    func divergedAtEpochBeyond(epoch: Int) -> String {
        language == .english ? "diverged at epoch \(epoch) (MSE > 10¹²)" : "hajaantui epookilla \(epoch) (MSE > 10¹²)"
    }
    /// "stable limit 2/λmax = 1.000" / "vakausraja 2/λmax = 1,000".
    func stableLimitValue(_ limit: String) -> String { "\(stableLimit) 2/λmax = \(limit)" }
    /// "learning rate 5 > stable limit 2/λmax = 1.000": why full-batch GD diverges.
    func learningRateAboveLimit(_ rate: String, limit: String) -> String {
        "\(learningRate) \(rate) > \(stableLimitValue(limit))"
    }
    /// "learning rate 0.5 < stable limit 2/λmax = 1.000".
    func learningRateBelowLimit(_ rate: String, limit: String) -> String {
        "\(learningRate) \(rate) < \(stableLimitValue(limit))"
    }
    /// A run's settings: "linear: sgd, learning rate 0.001".
    func runSettings(model: String, optimizer: String, rate: String) -> String {
        "\(model): \(optimizer), \(learningRate) \(rate)"
    }
    /// The lr-sweep legend: "lr = 0.5 (0.5× limit)" / "η = 0,5 (0,5× raja)".
    func learningRateLegend(_ rate: String, multiple: String) -> String {
        language == .english ? "lr = \(rate) (\(multiple)× limit)" : "η = \(rate) (\(multiple)× raja)"
    }
    /// A sweep legend's note that its curve is another's: "same curve as lr = 0.1".
    func sameCurveAs(_ rate: String) -> String {
        language == .english ? "same curve as lr = \(rate)" : "sama käyrä kuin η = \(rate)"
    }
    /// The optimizer's name: "full-batch GD" / "täysi-eräinen GD", others as named.
    func optimizerName(_ name: String) -> String {
        switch name {
        case "gd": return language == .english ? "full-batch GD" : "täyden erän GD"
        case "sgd": return language == .english ? "SGD (batch size 1)" : "SGD (erän koko 1)"
        default: return name
        }
    }
    /// The optimizer with its settings, numbers formatted by `format`: "sgd", "gd",
    /// "momentum (β = 0.9)", "adam (β₁ = 0.9, β₂ = 0.999)", "minibatch (4)".
    func optimizerWithSettings(_ optimizer: Optimizer, format: (Double) -> String) -> String {
        switch optimizer {
        case .momentum(let beta): return "momentum (β = \(format(beta)))"
        case .adam(let beta1, let beta2, _): return "adam (β₁ = \(format(beta1))\(language.listSeparator)β₂ = \(format(beta2)))"
        case .minibatch(let size): return "minibatch (\(size))"
        case .sgd, .gd: return optimizer.name
        }
    }
    /// "linear: MAE 3.91 cm".
    func modelMeanAbsoluteError(model: String, mae: String, unit: String?) -> String {
        "\(model): MAE \(mae)" + (unit.map { " \($0)" } ?? "")
    }
    /// The bar panel's y label: "actual − predicted (cm)" / "todellinen − ennuste (cm)".
    func actualMinusPredicted(unit: String?) -> String {
        (language == .english ? "actual − predicted" : "todellinen − ennuste") + (unit.map { " (\($0))" } ?? "")
    }
}
