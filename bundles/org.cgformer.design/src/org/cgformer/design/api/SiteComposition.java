package org.cgformer.design.api;

import java.util.List;

/**
 * One candidate as the rules see it: the cations sharing the substituted site (the host element
 * first when it is kept, then the dopants in pool order) with their fractions. During enumeration
 * one instance is reused for every combination: read it inside the rule, never keep it.
 */
public interface SiteComposition {

    /** Cations on the site, host included when kept. */
    int size();

    String element(int cation);

    int oxidationState(int cation);

    /** Ionic radius in Angstrom (Shannon CN VI unless the pool entry sets its own). */
    double ionicRadius(int cation);

    /** Site fraction of the cation; the fractions sum to 1. */
    double fraction(int cation);

    /** Tags of the pool entry (empty for the host element). */
    List<String> tags(int cation);

    boolean isHost(int cation);

    /** Ionic radius of the host element on this site (Angstrom), whether or not it is kept. */
    double hostIonicRadius();

    /** Fraction-weighted mean oxidation state of the site. */
    double meanOxidationState();

    /**
     * Mobile ions per formula unit for charge neutrality: x = x_host + m (v_host - v_mean) / q, with
     * x_host the host's content, m the sites per formula unit and q the mobile ion's charge.
     */
    double mobileIonContent();
}
